//! The taxed retirement year of one path (MODEL-v3 §16.4–16.5): the RMD,
//! the withdrawal taken from the three kinds of money in the plan's order,
//! found to the cent so that what is left after federal and state tax is
//! the need, the surplus of an RMD reinvested, and a Roth conversion that
//! fills a bracket. Pure arithmetic on one path's balances; the batch calls
//! it lane by lane.

use crate::plan::income::YearIncome;
use crate::plan::taxes::{Order, Spending};
use crate::tax::{Filing, Law, StateTax, TaxInput};
use crate::units::usd;

/// How close what is left after tax comes to the need: a millionth of a
/// dollar, far inside a cent, so balances built from decades of such
/// withdrawals stay within a cent of exact (Newton's steps on the
/// piecewise-linear tax land on the root in one or two steps).
const NEED_TOLERANCE_USD: f64 = 1e-6;
/// How close the sale that pays a conversion's tax comes to paying it.
const CENT: f64 = 0.005;

/// A plan's taxes, worked out once per run.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct TaxPlan {
    pub law: &'static Law,
    pub spending: Spending,
    pub order: Order,
    pub state: StateTax,
    /// The taxable account's yearly drag.
    pub drag: f64,
}

/// One year of a plan's taxes, the same on every path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct TaxYearPlan {
    pub filing: Filing,
    /// The calendar year.
    pub calendar: i32,
    /// Filers 65 or older by the year's end.
    pub filers_65: u32,
    /// The Uniform Lifetime divisor, from the year RMDs start.
    pub rmd_divisor: Option<f64>,
    /// Traditional withdrawals pay the 10% additional tax (before the year
    /// of 60, unless the rule of 55 exempts the 401(k)).
    pub early: bool,
    /// A Roth withdrawal's earnings are taxed and pay 10% (before 60).
    pub roth_early: bool,
    /// In the conversion window: the taxable income to fill to.
    pub convert_to_usd: Option<f64>,
    /// Under a fill-the-bracket order: the taxable income traditional
    /// withdrawals fill to first.
    pub fill_to_usd: Option<f64>,
    /// The price level since the first year under Monte Carlo (a history
    /// uses each path's own).
    pub price_level: f64,
    /// What goes in while working: to traditional, to Roth, to the taxable
    /// account.
    pub to_traditional_usd: f64,
    pub to_roth_usd: f64,
    pub to_taxable_usd: f64,
}

/// One path's three kinds of money.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pots {
    /// Traditional (pre-tax) money.
    pub traditional_usd: f64,
    /// Roth money.
    pub roth_usd: f64,
    /// Of it, what went in (taken out first, never taxed).
    pub roth_basis_usd: f64,
    /// The taxable account.
    pub taxable_usd: f64,
    /// Its cost basis.
    pub taxable_basis_usd: f64,
}

impl Pots {
    /// Every kind of money times `factor` (a loss shared pro rata; what
    /// went in stays what it was).
    pub fn scale(&mut self, factor: f64) {
        self.traditional_usd *= factor;
        self.roth_usd *= factor;
        self.taxable_usd *= factor;
    }

    /// All three together.
    pub fn total_usd(&self) -> f64 {
        self.traditional_usd + self.roth_usd + self.taxable_usd
    }

    /// Money reaching Roth that is its own basis (a conversion, less any
    /// tax withheld from it).
    fn add_roth_basis(&mut self, usd: f64) {
        self.roth_usd += usd;
        self.roth_basis_usd += usd;
    }

    /// The share of a sale from the taxable account that is gain (average
    /// cost; never below 0: a loss is not used).
    fn gain_share(&self) -> f64 {
        if self.taxable_usd > 0.0 {
            (1.0 - self.taxable_basis_usd / self.taxable_usd).max(0.0)
        } else {
            0.0
        }
    }
}

/// A year's income from outside the accounts, on one path.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Outside {
    /// Both spouses' Social Security.
    pub social_security_usd: f64,
    /// Taxable pensions and annuities.
    pub taxable_usd: f64,
    /// Income that is not taxed.
    pub untaxed_usd: f64,
    /// Planned expenses.
    pub expenses_usd: f64,
}

impl Outside {
    /// A year's income from outside the accounts, as the tax sees it
    /// (`untaxed_usd` of its other income not taxable).
    pub(super) fn of(income: &YearIncome, untaxed_usd: f64) -> Outside {
        Outside {
            social_security_usd: income.social_security_usd + income.spouse_usd,
            taxable_usd: income.other_usd - untaxed_usd,
            untaxed_usd,
            expenses_usd: income.expenses_usd,
        }
    }
}

impl Outside {
    fn net_usd(&self) -> f64 {
        self.social_security_usd + self.taxable_usd + self.untaxed_usd - self.expenses_usd
    }
}

/// What the year asks of the accounts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Ask {
    /// Income after tax (outside income and withdrawals, less expenses and
    /// tax) of this much.
    AfterTax(f64),
    /// This much from the accounts, before tax.
    Gross(f64),
}

/// Where a year's withdrawal came from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Draw {
    traditional: f64,
    roth: f64,
    /// Of the Roth withdrawal, earnings (after the basis).
    roth_earnings: f64,
    taxable: f64,
    gains: f64,
}

impl Draw {
    fn total(&self) -> f64 {
        self.traditional + self.roth + self.taxable
    }
}

/// What one taxed retirement year did on one path.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TaxedYear {
    /// Withdrawn from traditional, the RMD included (a conversion not).
    pub traditional_usd: f64,
    /// Withdrawn from Roth.
    pub roth_usd: f64,
    /// Sold from the taxable account (for spending and for a conversion's tax).
    pub taxable_usd: f64,
    /// The year's required minimum distribution.
    pub rmd_usd: f64,
    /// Of the RMD, what was not needed and went to the taxable account
    /// (after its tax).
    pub reinvested_usd: f64,
    /// Converted from traditional to Roth (before any tax withheld).
    pub conversion_usd: f64,
    /// The taxable part of Social Security.
    pub taxable_social_security_usd: f64,
    /// Adjusted gross income.
    pub agi_usd: f64,
    /// Ordinary taxable income (after the deductions, gains not included):
    /// what the brackets are laid over.
    pub ordinary_taxable_usd: f64,
    /// The tax the conversion added (federal and state, before the tax on
    /// a sale that paid it).
    pub conversion_tax_usd: f64,
    /// Federal tax, the early-withdrawal tax included.
    pub federal_tax_usd: f64,
    /// Of it, the 10% additional tax.
    pub penalty_usd: f64,
    /// State tax.
    pub state_tax_usd: f64,
    /// Income before tax: what the accounts paid for spending and the
    /// income from outside, less expenses.
    pub income_usd: f64,
    /// What is left to spend after tax.
    pub income_after_tax_usd: f64,
    /// The rate of the last dollar of ordinary income (federal and state),
    /// where it was asked for (an explained path); else 0.
    pub marginal_rate: f64,
    /// The accounts could not pay what was asked: they are empty.
    pub ran_out: bool,
    /// How the year's return was filed (a survivor files single).
    pub filing: Filing,
}

impl TaxedYear {
    /// Federal and state tax.
    pub fn tax_usd(&self) -> f64 {
        self.federal_tax_usd + self.state_tax_usd
    }

    /// What the year's taxes did that a reader should know, in words
    /// ("RMD of $21,304 at 75, $6,100 more than needed, reinvested in the
    /// taxable account"); empty in a quiet year.
    pub fn words(&self, age_years: u32) -> Vec<String> {
        let mut said = Vec::new();
        if self.rmd_usd > 0.0 {
            let mut rmd = format!("RMD of {} at {age_years}", usd(self.rmd_usd));
            if self.reinvested_usd >= 0.5 {
                rmd.push_str(&format!(
                    ", {} more than needed, reinvested in the taxable account",
                    usd(self.reinvested_usd)
                ));
            }
            said.push(rmd);
        }
        if self.conversion_usd >= 0.5 {
            said.push(format!(
                "converted {} from traditional to Roth",
                usd(self.conversion_usd)
            ));
        }
        if self.penalty_usd >= 0.5 {
            said.push(format!(
                "{} of 10% early-withdrawal tax",
                usd(self.penalty_usd)
            ));
        }
        if self.ran_out {
            said.push("the accounts ran out".to_owned());
        }
        said
    }
}

/// The year's tax on one path, given what is withdrawn.
struct Year<'a> {
    plan: &'a TaxPlan,
    year: &'a TaxYearPlan,
    price_level: f64,
    outside: Outside,
}

impl Year<'_> {
    fn input(&self, draw: &Draw, conversion: f64) -> TaxInput {
        let roth_taxed = if self.year.roth_early {
            draw.roth_earnings
        } else {
            0.0
        };
        let early = if self.year.early {
            draw.traditional
        } else {
            0.0
        } + roth_taxed;
        TaxInput {
            filing: self.year.filing,
            year: self.year.calendar,
            filers_65: self.year.filers_65,
            social_security_usd: self.outside.social_security_usd,
            ordinary_usd: draw.traditional + conversion + self.outside.taxable_usd + roth_taxed,
            retirement_usd: draw.traditional + conversion + self.outside.taxable_usd,
            gains_usd: draw.gains,
            early_usd: early,
            price_level: self.price_level,
            state: self.plan.state,
        }
    }

    /// Federal plus state tax with `draw` and `conversion`.
    fn tax(&self, draw: &Draw, conversion: f64) -> f64 {
        self.plan
            .law
            .tax(&self.input(draw, conversion))
            .total_tax_usd
    }

    /// Ordinary taxable income (gains excluded) with `draw` and `conversion`.
    fn ordinary_taxable(&self, draw: &Draw, conversion: f64) -> f64 {
        self.plan
            .law
            .tax(&self.input(draw, conversion))
            .ordinary_taxable_usd()
    }

    /// What is left to spend with `draw`: the withdrawal and outside income,
    /// less expenses and tax.
    fn net(&self, draw: &Draw) -> f64 {
        draw.total() + self.outside.net_usd() - self.tax(draw, 0.0)
    }

    /// The traditional withdrawal (at least `rmd`) that brings ordinary
    /// taxable income to `top`, at most `most`.
    fn traditional_to(&self, top: f64, rmd: f64, most: f64) -> f64 {
        let at = |t: f64| {
            let draw = Draw {
                traditional: t,
                ..Draw::default()
            };
            self.ordinary_taxable(&draw, 0.0) - top
        };
        if at(rmd) >= 0.0 {
            return rmd;
        }
        if at(most) <= 0.0 {
            return most;
        }
        solve_increasing(at, rmd, most, 1e-6)
    }
}

/// Moves up to `want` into `slot` from an account holding `available`
/// (less what `slot` took already), within what is `left` to take.
fn grab(slot: &mut f64, available: f64, want: f64, left: &mut f64) {
    let t = want.min(available - *slot).min(*left).max(0.0);
    *slot += t;
    *left -= t;
}

/// `pots`' withdrawal of `total` in `order`: `rmd` (from traditional)
/// first under every order; under a fill-the-bracket order traditional up
/// to `fill` first.
fn draw_from(pots: &Pots, order: &Order, total: f64, rmd: f64, fill: f64) -> Draw {
    let mut left = total.min(pots.total_usd()).max(0.0);
    let (t, r, x) = (pots.traditional_usd, pots.roth_usd, pots.taxable_usd);
    let (mut traditional, mut roth, mut taxable) = (0.0, 0.0, 0.0);
    match order {
        Order::Conventional => {
            grab(&mut traditional, t, rmd, &mut left);
            grab(&mut taxable, x, f64::INFINITY, &mut left);
            grab(&mut traditional, t, f64::INFINITY, &mut left);
            grab(&mut roth, r, f64::INFINITY, &mut left);
        }
        Order::FillBracket(_) => {
            grab(&mut traditional, t, rmd.max(fill), &mut left);
            grab(&mut taxable, x, f64::INFINITY, &mut left);
            grab(&mut roth, r, f64::INFINITY, &mut left);
            grab(&mut traditional, t, f64::INFINITY, &mut left);
        }
        Order::ProRata => {
            // The RMD first, then the rest in proportion to what is left.
            grab(&mut traditional, t, rmd, &mut left);
            let (t_left, all) = (t - traditional, t - traditional + r + x);
            if all > 0.0 {
                let share = left / all;
                let (to_t, to_r) = (t_left * share, r * share);
                let to_x = left - to_t - to_r;
                grab(&mut traditional, t, to_t, &mut left);
                grab(&mut roth, r, to_r, &mut left);
                grab(&mut taxable, x, to_x, &mut left);
                // Rounding's last cents, wherever there is money.
                grab(&mut taxable, x, f64::INFINITY, &mut left);
                grab(&mut traditional, t, f64::INFINITY, &mut left);
                grab(&mut roth, r, f64::INFINITY, &mut left);
            }
        }
    }
    Draw {
        traditional,
        roth,
        roth_earnings: (roth - pots.roth_basis_usd).max(0.0),
        taxable,
        gains: taxable * pots.gain_share(),
    }
}

/// The `x` in `[lo, hi]` with `f(x) = 0`, for `f` continuous and
/// increasing (piecewise linear: the tax), within `tolerance` of `f`'s
/// root in value: Newton's steps on the local slope, bisection when a step
/// would leave the bracket. `f(lo) ≤ 0 ≤ f(hi)`.
fn solve_increasing(f: impl Fn(f64) -> f64, mut lo: f64, mut hi: f64, tolerance: f64) -> f64 {
    let mut x = lo;
    let mut fx = f(x);
    for _ in 0..100 {
        if fx.abs() <= tolerance {
            return x;
        }
        if fx < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        if hi - lo <= 1e-9 * hi.max(1.0) {
            return hi;
        }
        // The slope over the next dollar (or the last, near the top).
        let h = if x + 1.0 <= hi { 1.0 } else { -1.0 };
        let slope = (f(x + h) - fx) / h;
        let mut next = if slope > 0.0 {
            x - fx / slope
        } else {
            f64::NAN
        };
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        x = next;
        fx = f(x);
    }
    x
}

/// A year whose need after tax is met from traditional money alone, worked
/// out once for every path: under Monte Carlo the law, the income from
/// outside and the price level are the year's, so the withdrawal that
/// leaves the need is the same on every path whose traditional money holds
/// it (and whose RMD and taxable account do not change the draw).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Shortcut {
    /// The traditional withdrawal that leaves the need after tax.
    withdrawal_usd: f64,
    /// What that year does (its RMD is each path's own).
    did: TaxedYear,
}

impl Shortcut {
    /// The year's shortcut, where one applies: an after-tax need under the
    /// conventional order, with no bracket to fill. A conversion year's
    /// conversion is the same on every path too (the room over the same
    /// withdrawal), where the path has that much traditional money left.
    pub(super) fn new(
        plan: &TaxPlan,
        year: &TaxYearPlan,
        outside: Outside,
        need_usd: f64,
    ) -> Option<Self> {
        if plan.order != Order::Conventional || year.fill_to_usd.is_some() {
            return None;
        }
        let y = Year {
            plan,
            year,
            price_level: year.price_level,
            outside,
        };
        let net = |w: f64| {
            y.net(&Draw {
                traditional: w,
                ..Draw::default()
            }) - need_usd
        };
        // Enough traditional money for the need: doubled until it is.
        let mut high = (need_usd - outside.net_usd()).max(1_000.0);
        let mut doublings = 0;
        while net(high) < 0.0 {
            high *= 2.0;
            doublings += 1;
            if doublings > 60 {
                return None;
            }
        }
        // The year as a path with that much traditional money and no RMD
        // (each path's own RMD is checked against the withdrawal).
        let free = TaxYearPlan {
            rmd_divisor: None,
            ..*year
        };
        // Room for the conversion too: it fills to the bracket's top, so it
        // is at most that top and the deductions over the withdrawal.
        let room_usd = year.convert_to_usd.map_or(0.0, |top| 2.0 * top + 1e6);
        let mut pots = Pots {
            traditional_usd: high + room_usd,
            ..Pots::default()
        };
        let ask = Ask::AfterTax(need_usd);
        let did = retirement_year(
            plan,
            &free,
            year.price_level,
            outside,
            ask,
            &mut pots,
            None,
            true,
        );
        (!did.ran_out).then_some(Shortcut {
            withdrawal_usd: did.traditional_usd,
            did,
        })
    }
}

/// The `x` in `[lo, top]` with `f(x)` within `tolerance` of 0, with what
/// `f` found there, for `f` continuous and increasing (piecewise linear:
/// the tax) and `f(lo) < 0`; `None` when even `f(top)` is below 0. Newton's
/// steps from `guess` on the local slope; `top` is looked at only when a
/// step would pass it, bisection when a step would leave the bracket.
fn solve_from<T>(
    f: impl Fn(f64) -> (f64, T),
    lo: f64,
    top: f64,
    guess: f64,
    tolerance: f64,
) -> Option<(f64, T)> {
    let (mut lo, mut hi, mut top_seen) = (lo, top, false);
    let mut x = guess.clamp(lo, top);
    let (mut fx, mut found) = f(x);
    for _ in 0..100 {
        if fx.abs() <= tolerance {
            return Some((x, found));
        }
        if fx < 0.0 {
            if x >= top {
                return None;
            }
            lo = x;
        } else {
            hi = x;
            top_seen = true;
        }
        if hi - lo <= 1e-9 * hi.max(1.0) {
            return Some((x, found));
        }
        // The slope over the next dollar (or the last, near the top).
        let h = if x + 1.0 <= hi { 1.0 } else { -1.0 };
        let slope = (f(x + h).0 - fx) / h;
        let step = if slope > 0.0 {
            x - fx / slope
        } else {
            f64::NAN
        };
        x = if step > lo && step < hi {
            step
        } else if !top_seen {
            // Past the top or no slope: whether the money suffices at all.
            top_seen = true;
            top
        } else {
            0.5 * (lo + hi)
        };
        (fx, found) = f(x);
    }
    Some((x, found))
}

/// One taxed retirement year on one path: takes what `ask` needs from
/// `pots` (and the RMD, and a conversion), and says what it did (its
/// `marginal_rate` only where asked: it costs a tax year more). A path the
/// year's `shortcut` fits takes it: the same year, worked out once.
#[allow(clippy::too_many_arguments)] // one year's inputs, each its own
pub(super) fn retirement_year(
    plan: &TaxPlan,
    year: &TaxYearPlan,
    price_level: f64,
    outside: Outside,
    ask: Ask,
    pots: &mut Pots,
    shortcut: Option<&Shortcut>,
    marginal: bool,
) -> TaxedYear {
    let y = Year {
        plan,
        year,
        price_level,
        outside,
    };
    let total = pots.total_usd();
    let rmd = year
        .rmd_divisor
        .map_or(0.0, |d| pots.traditional_usd / d)
        .min(pots.traditional_usd);
    if let (Some(s), Ask::AfterTax(_)) = (shortcut, ask)
        && pots.taxable_usd == 0.0
        && rmd <= s.withdrawal_usd
        && pots.traditional_usd >= s.withdrawal_usd
        && pots.traditional_usd - s.withdrawal_usd >= s.did.conversion_usd
    {
        // In the order the year takes them: the withdrawal, then the
        // conversion, its tax withheld (no taxable account to pay it).
        pots.traditional_usd -= s.withdrawal_usd;
        if s.did.conversion_usd > 0.0 {
            pots.traditional_usd -= s.did.conversion_usd;
            pots.add_roth_basis(s.did.conversion_usd - s.did.conversion_tax_usd);
        }
        return TaxedYear {
            rmd_usd: rmd,
            ..s.did
        };
    }
    let fill = year
        .fill_to_usd
        .map_or(0.0, |top| y.traditional_to(top, rmd, pots.traditional_usd));
    let draw_of = |w: f64| draw_from(pots, &plan.order, w, rmd, fill);
    // A withdrawal's draw, its tax, and what it leaves to spend.
    let evaluate = |w: f64| {
        let draw = draw_of(w);
        let tax = plan.law.tax(&y.input(&draw, 0.0));
        let net = draw.total() + outside.net_usd() - tax.total_tax_usd;
        (net, (draw, tax))
    };
    // The withdrawal for spending, its draw and tax, and what of the RMD
    // is left over.
    let (withdrawal, ran_out, (draw, tax), spent_usd, income_after_tax) = match ask {
        Ask::AfterTax(need) => {
            let (net, at_rmd) = evaluate(rmd);
            let (withdrawal, ran_out, net, found) = if net >= need - NEED_TOLERANCE_USD {
                (rmd, false, net, at_rmd)
            } else {
                // From the year's answer for a path of traditional money,
                // where there is one: most paths are a step away from it.
                let guess = shortcut.map_or(rmd, |s| s.withdrawal_usd);
                match solve_from(
                    |w| {
                        let (net, found) = evaluate(w);
                        (net - need, (net, found))
                    },
                    rmd,
                    total,
                    guess,
                    NEED_TOLERANCE_USD,
                ) {
                    Some((w, (net, found))) => (w, false, net, found),
                    None => {
                        let (net, found) = evaluate(total);
                        (total, true, net, found)
                    }
                }
            };
            // Reinvested: what an RMD left after the need and its tax. What
            // is left to spend is the need itself (found to a millionth).
            let surplus = if ran_out { 0.0 } else { (net - need).max(0.0) };
            let left = if ran_out { net } else { need };
            (withdrawal, ran_out, found, withdrawal - surplus, left)
        }
        Ask::Gross(asked) => {
            let (withdrawal, ran_out) = if asked > total {
                (total, true)
            } else {
                (asked.max(rmd), false)
            };
            let (_, found) = evaluate(withdrawal);
            let spent = asked.min(withdrawal);
            let after = spent + outside.net_usd() - found.1.total_tax_usd;
            (withdrawal, ran_out, found, spent, after)
        }
    };
    let mut tax = tax;
    let reinvested = (withdrawal - spent_usd).max(0.0);
    // Take the withdrawal out; reinvest the surplus at its cost.
    take(pots, &draw);
    if ran_out {
        // Everything was taken: no rounding's dust is left behind to grow.
        *pots = Pots::default();
    }
    pots.taxable_usd += reinvested;
    pots.taxable_basis_usd += reinvested;
    // A conversion fills the bracket over what the year already has.
    let mut conversion = 0.0;
    let mut conversion_tax_paid = 0.0;
    let mut conversion_tax = 0.0;
    let mut paid = draw;
    if let Some(top) = year.convert_to_usd
        && pots.traditional_usd > 0.0
        && !ran_out
    {
        let room = |c: f64| y.ordinary_taxable(&draw, c) - top;
        if room(0.0) < 0.0 {
            conversion = if room(pots.traditional_usd) <= 0.0 {
                pots.traditional_usd
            } else {
                solve_increasing(room, 0.0, pots.traditional_usd, 1e-6)
            };
            let with = plan.law.tax(&y.input(&draw, conversion));
            let extra = with.total_tax_usd - tax.total_tax_usd;
            conversion_tax = extra;
            pots.traditional_usd -= conversion;
            if pots.taxable_usd > 0.0 && pots.taxable_usd >= extra {
                // Paid from the taxable account: the sale's gains are taxed
                // too, so the sale grows until it pays its own tax.
                let share = pots.gain_share();
                let mut sale = extra;
                for _ in 0..20 {
                    let with_sale = Draw {
                        gains: draw.gains + sale * share,
                        ..draw
                    };
                    let needed = y.tax(&with_sale, conversion) - tax.total_tax_usd;
                    if (needed - sale).abs() <= CENT || needed > pots.taxable_usd {
                        sale = needed.min(pots.taxable_usd);
                        break;
                    }
                    sale = needed;
                }
                let basis_out = pots.taxable_basis_usd * (sale / pots.taxable_usd);
                pots.taxable_usd -= sale;
                pots.taxable_basis_usd -= basis_out;
                conversion_tax_paid = sale;
                pots.add_roth_basis(conversion);
                paid = Draw {
                    gains: draw.gains + sale * share,
                    taxable: draw.taxable + sale,
                    ..draw
                };
                tax = plan.law.tax(&y.input(&paid, conversion));
            } else {
                // Withheld from the conversion.
                pots.add_roth_basis(conversion - extra);
                tax = with;
            }
        }
    }
    // The rate of the next $100 of ordinary income, federal and state.
    let marginal = if marginal {
        let last = Draw {
            traditional: paid.traditional + 100.0,
            ..paid
        };
        (y.tax(&last, conversion) - tax.total_tax_usd) / 100.0
    } else {
        0.0
    };
    TaxedYear {
        filing: year.filing,
        traditional_usd: draw.traditional,
        roth_usd: draw.roth,
        taxable_usd: draw.taxable + conversion_tax_paid,
        rmd_usd: rmd,
        reinvested_usd: reinvested,
        conversion_usd: conversion,
        taxable_social_security_usd: tax.taxable_social_security_usd,
        agi_usd: tax.agi_usd,
        ordinary_taxable_usd: tax.ordinary_taxable_usd(),
        conversion_tax_usd: conversion_tax,
        federal_tax_usd: tax.federal_tax_usd,
        penalty_usd: tax.early_withdrawal_tax_usd,
        state_tax_usd: tax.state_tax_usd,
        income_usd: spent_usd + outside.net_usd(),
        income_after_tax_usd: income_after_tax,
        marginal_rate: marginal,
        ran_out,
    }
}

/// Takes `draw` out of `pots`: the Roth's basis first, the taxable
/// account's basis in proportion.
fn take(pots: &mut Pots, draw: &Draw) {
    pots.traditional_usd = (pots.traditional_usd - draw.traditional).max(0.0);
    let from_basis = draw.roth.min(pots.roth_basis_usd);
    pots.roth_usd = (pots.roth_usd - draw.roth).max(0.0);
    pots.roth_basis_usd = (pots.roth_basis_usd - from_basis).max(0.0);
    if pots.taxable_usd > 0.0 {
        let basis_out = pots.taxable_basis_usd * (draw.taxable / pots.taxable_usd).min(1.0);
        pots.taxable_basis_usd = (pots.taxable_basis_usd - basis_out).max(0.0);
    }
    pots.taxable_usd = (pots.taxable_usd - draw.taxable).max(0.0);
}
