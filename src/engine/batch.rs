//! The year loop of MODEL.md §2 on a batch of paths ("lanes") for every
//! plan of a set at once: each year the batch's draws are made and turned
//! into growth factors once (`exp` on whole slices), then every plan takes
//! its year on them while they are hot. Each lane draws from its own path's
//! stream in the fixed order of MODEL.md §5, so a path's numbers do not
//! depend on the batch, the set or the thread that runs it.

use super::lives::{Household, LaneLife, Lives, Survivor};
use super::schedule::{PrivateSchedule, Schedule, Year, YearStress};
use crate::plan::stress::{CRASH_CRYPTO_GROWTH, CRASH_STOCKS_GROWTH, MARKDOWN_PRIVATE_GROWTH};

/// Where stressed members' growth is keyed among the shared growth: past
/// every model, one key per member.
const STRESSED_MODEL: usize = usize::MAX / 2;
use super::source::{Kind, Source};
use super::taxed::{Ask, Outside, Pots, TaxedYear, retirement_year};
use crate::market::history::BlockCursor;
use crate::market::rng::{PathRng, path_rng, private_rng};
use crate::market::{YearDraws, private_normal};
use crate::plan::asset::{ASSETS, Asset, PerAsset};
use crate::plan::glide_path::Mix;
use crate::plan::income::YearIncome;
use crate::plan::sleeve::Rebalance;
use crate::plan::taxes::Spending;
use crate::plan::withdrawal::{RuleMove, RuleYear, Withdrawal};

/// Paths in one batch, one task of the parallel run: enough to fill SIMD
/// lanes and amortise the batch's set-up, few enough that a year's draws
/// and growth (a few tens of kB) stay in the first-level cache.
pub const LANES: usize = 256;

/// One batch's results, kept between runs so their memory is reused.
#[derive(Default)]
pub struct BatchOut {
    /// The batch's paths.
    pub lanes: usize,
    /// Member by member, the age each path ran out at (0: never).
    pub depleted_at: Vec<u32>,
    /// Member by member, each path's first retirement year's income.
    pub first_income: Vec<f64>,
    /// Member by member, each path's balance at retirement.
    pub at_retirement: Vec<f64>,
    /// Member by member, each path's worst crypto growth factor.
    pub worst_crypto: Vec<f64>,
    /// Member by member, whether each path's income has stayed at or
    /// above the essential amount in every retirement year so far.
    pub essential_met: Vec<bool>,
    /// Members with taxes: each path's tax over every year, its first
    /// retirement year's income after tax, and its three kinds of money at
    /// retirement (traditional, Roth, taxable), member by member.
    pub lifetime_tax: Vec<f64>,
    pub first_income_after_tax: Vec<f64>,
    pub at_retirement_kinds: [Vec<f64>; 3],
    /// Members with lifespans: each path's ages at death (the saver's, the
    /// spouse's; `u32::MAX`: not drawn), the saver's age in the last year
    /// someone is alive (the plan-to age: through the plan), and the money
    /// left at the end of that year, member by member.
    pub death_ages: Vec<[u32; 2]>,
    pub last_age: Vec<u32>,
    pub left_usd: Vec<f64>,
    /// With a spouse: the saver's age in the first year one lives alone (0: never).
    pub alone_from: Vec<u32>,
    /// Members with a private sleeve: each path's fund fees over every
    /// year (management and carry, in today's dollars), and the most its
    /// private share stood above the target after rebalancing (0: never).
    pub private_fees_usd: Vec<f64>,
    pub private_overshoot: Vec<f64>,
}

/// The rows a member with taxes keeps of each year, after its income, in
/// this order: income after tax, federal tax, state tax, the RMD, the Roth
/// conversion, and the effective rate (tax ÷ income before tax).
pub const TAX_ROWS: usize = 6;

/// Where each member's rows start in a batch's `balances`: its balance at
/// every age (`T + 1` rows), then its total income of every year (`T`
/// rows; only retirement years are written).
#[derive(Clone, Debug, Default)]
pub struct BandLayout {
    /// For each member, the index of its first age's row.
    pub first_row: Vec<usize>,
    /// For each member that keeps its income, the index of its first
    /// year's income row.
    pub first_income_row: Vec<Option<usize>>,
    /// For each member with taxes that keeps its income, the index of its
    /// first tax row: [`TAX_ROWS`] blocks of `T` rows, in their order.
    pub first_tax_row: Vec<Option<usize>>,
    /// Rows of all members together.
    pub rows: usize,
}

impl BandLayout {
    /// Rows for each member's balances, and its income where `keep_income`.
    pub fn new(schedules: &[Schedule], keep_income: &[bool]) -> Self {
        let mut first_row = Vec::with_capacity(schedules.len());
        let mut first_income_row = Vec::with_capacity(schedules.len());
        let mut first_tax_row = Vec::with_capacity(schedules.len());
        let mut rows = 0;
        for (m, schedule) in schedules.iter().enumerate() {
            first_row.push(rows);
            rows += schedule.horizon() + 1;
            if keep_income.get(m).copied().unwrap_or(false) {
                first_income_row.push(Some(rows));
                rows += schedule.horizon();
                if schedule.tax.is_some() {
                    first_tax_row.push(Some(rows));
                    rows += TAX_ROWS * schedule.horizon();
                } else {
                    first_tax_row.push(None);
                }
            } else {
                first_income_row.push(None);
                first_tax_row.push(None);
            }
        }
        BandLayout {
            first_row,
            first_income_row,
            first_tax_row,
            rows,
        }
    }
}

/// Everything a batch needs, shared read-only by all threads.
pub struct SetRun<'a> {
    pub schedules: &'a [Schedule],
    pub source: &'a Source,
    /// Bands are kept (else only each path's end).
    pub keep_bands: bool,
    pub layout: &'a BandLayout,
    /// The longest horizon of the set.
    pub horizon: usize,
    /// Paths per batch ([`LANES`] but in tests of batch independence).
    pub lanes: usize,
}

/// One member's accounts in a batch, lane by lane.
struct Accounts {
    core_usd: Vec<f64>,
    sleeve_usd: Vec<f64>,
    /// `B_R` of the 4% rule, once the first retirement year starts.
    balance_at_retirement_usd: Vec<f64>,
    /// Last year's spending by the rule (guardrails, floor and ceiling).
    previous_usd: Vec<f64>,
    /// Fixed-dollar streams or taxes under a history: each lane's price
    /// deflator since today, and its value when each stream starts.
    deflator: Vec<f64>,
    stream_base: Vec<Vec<f64>>,
    /// With taxes: each lane's three kinds of money.
    pots: Vec<Pots>,
    /// With lifespans: each lane's lives.
    lives: Vec<LaneLife>,
    /// With lifespans, in a working year: whether each lane contributes.
    working: Vec<f64>,
    /// With a private sleeve: its holding.
    private: PrivateAccounts,
}

/// A member's private holding in a batch (empty without a private
/// sleeve): each lane's holding at its reported value, its true value per
/// reported dollar, last year's reported return, and what may still be
/// sold this year at the reported value.
struct PrivateAccounts {
    usd: Vec<f64>,
    ratio: Vec<f64>,
    reported: Vec<f64>,
    allowance_usd: Vec<f64>,
}

impl Accounts {
    /// A member's accounts on the `lanes` paths from `first` at the start.
    fn new(s: &Schedule, lanes: usize, first: usize, seed: u64) -> Self {
        let deflated = s.has_nominal() || s.tax.is_some();
        Accounts {
            core_usd: vec![s.balance_usd; lanes],
            sleeve_usd: vec![0.0; lanes],
            balance_at_retirement_usd: vec![0.0; lanes],
            previous_usd: vec![0.0; lanes],
            deflator: if deflated {
                vec![1.0; lanes]
            } else {
                Vec::new()
            },
            stream_base: s.nominal.iter().map(|_| vec![1.0; lanes]).collect(),
            pots: if s.tax.is_some() {
                vec![s.pots; lanes]
            } else {
                Vec::new()
            },
            lives: s.lives.as_ref().map_or_else(Vec::new, |lives| {
                (first..first + lanes)
                    .map(|path| lives.lane(seed, path))
                    .collect()
            }),
            working: Vec::new(),
            private: PrivateAccounts::new(s, lanes),
        }
    }

    /// Lane `l`'s whole balance: the core, the sleeve and the private
    /// holding at its reported value.
    #[inline(always)]
    fn balance_usd(&self, l: usize) -> f64 {
        let liquid = self.core_usd[l] + self.sleeve_usd[l];
        match self.private.usd.get(l) {
            Some(private) => liquid + private,
            None => liquid,
        }
    }
}

impl Accounts {
    /// Each lane's whole balance into `out` (its first `out.len()` lanes),
    /// one loop per case so each vectorises.
    fn write_balances(&self, out: &mut [f64]) {
        let n = out.len();
        let liquid = out
            .iter_mut()
            .zip(&self.core_usd[..n])
            .zip(&self.sleeve_usd[..n]);
        if self.private.usd.is_empty() {
            for ((cell, core), sleeve) in liquid {
                *cell = core + sleeve;
            }
        } else {
            for (((cell, core), sleeve), private) in liquid.zip(&self.private.usd[..n]) {
                *cell = core + sleeve + private;
            }
        }
    }
}

impl PrivateAccounts {
    fn new(s: &Schedule, lanes: usize) -> Self {
        let lanes = if s.private.is_some() { lanes } else { 0 };
        PrivateAccounts {
            usd: vec![0.0; lanes],
            ratio: vec![1.0; lanes],
            // Before the first year the reported return is the view's mean
            // (MODEL-v3 §18): a zero-volatility asset earns it every year.
            reported: vec![s.private.map_or(0.0, |p| p.view.mean); lanes],
            allowance_usd: vec![0.0; lanes],
        }
    }

    /// The holding's lanes `..n`, with the member's results in `fees_usd`
    /// and `overshoot`; `None` without a private sleeve.
    fn lanes<'a>(
        &'a mut self,
        schedule: &'a Schedule,
        n: usize,
        fees_usd: &'a mut [f64],
        overshoot: &'a mut [f64],
    ) -> Option<PrivateLanes<'a>> {
        let private = schedule.private.as_ref()?;
        Some(PrivateLanes {
            schedule: private,
            usd: &mut self.usd[..n],
            ratio: &mut self.ratio[..n],
            reported: &mut self.reported[..n],
            allowance_usd: &mut self.allowance_usd[..n],
            fees_usd,
            overshoot,
        })
    }
}

/// A member's private holding in a batch, lane by lane (MODEL-v3 §18).
struct PrivateLanes<'a> {
    schedule: &'a PrivateSchedule,
    /// The holding at its reported value.
    usd: &'a mut [f64],
    /// Its true value per reported dollar.
    ratio: &'a mut [f64],
    /// Last year's reported return.
    reported: &'a mut [f64],
    /// What may still be sold this year at the reported value.
    allowance_usd: &'a mut [f64],
    /// The fund's fees paid so far.
    fees_usd: &'a mut [f64],
    /// The most the private share has stood above its target.
    overshoot: &'a mut [f64],
}

/// With lifespans, in a working year: 1 for each lane whose saver is alive
/// to contribute, 0 for the others; `None` when every lane contributes.
fn working_lanes<'a>(
    schedule: &Schedule,
    t: usize,
    lives: &[LaneLife],
    working: &'a mut Vec<f64>,
) -> Option<&'a [f64]> {
    let s_lives = schedule.lives.as_ref()?;
    let year = &schedule.years[t];
    if year.retired {
        return None;
    }
    working.clear();
    working.extend(
        lives
            .iter()
            .map(|lane| match lane.household(s_lives, t, year.age) {
                Household::Whole => 1.0,
                Household::Alone { year: alone, .. } => f64::from(u8::from(alone.contributes)),
                Household::Gone => 0.0,
            }),
    );
    working.iter().any(|w| *w != 1.0).then_some(&working[..])
}

/// A batch's draws for one year, by kind then lane.
struct Draws {
    z: [Vec<f64>; ASSETS],
    crash_uniform: Vec<f64>,
    jump_normal: Vec<f64>,
}

/// One year of one explained path.
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainedYear {
    /// The saver's age.
    pub age: u32,
    /// The balance at the start of the year.
    pub balance_usd: f64,
    /// The year's real returns (crypto's NaN without a sleeve: its draws
    /// are not turned into returns then).
    pub returns: PerAsset<f64>,
    /// What went in.
    pub contribution_usd: f64,
    /// What the account paid, with the income from elsewhere and the
    /// rule's move (retirement years).
    pub trace: Option<YearTrace>,
    /// With taxes: the three kinds of money at the start of the year.
    pub pots: Option<Pots>,
    /// With a private sleeve: its holding at the start of the year, at its
    /// reported value (before rebalancing).
    pub private_usd: Option<f64>,
}

impl SetRun<'_> {
    /// Replays path `path` of member `m` alone, year by year, as the batch
    /// loop runs it (the same draws, the same arithmetic), and says what
    /// happened in each year.
    pub fn explain_path(&self, m: usize, path: usize) -> Vec<ExplainedYear> {
        let schedule = &self.schedules[m];
        let model = self.source.model_of[m];
        let mut returns = YearReturnsOfBatch::new(self.source, path, 1);
        let mut shared = SharedGrowth::default();
        let mut stressed: PerAsset<Vec<f64>> = Default::default();
        let (mut core, mut sleeve) = ([schedule.balance_usd], [0.0]);
        let (mut b_r, mut previous, mut depleted, mut first_income, mut met) =
            ([0.0], [0.0], [0u32], [0.0], [true]);
        let mut accounts = Accounts::new(schedule, 1, path, self.source.seed);
        let (mut other, mut expenses, mut untaxed) = ([0.0], [0.0], [0.0]);
        let (mut other_widowed, mut untaxed_widowed) = ([0.0], [0.0]);
        let (mut lifetime_tax, mut first_after_tax) = ([0.0], [0.0]);
        let (mut private_fees, mut private_overshoot) = ([0.0], [0.0]);
        let mut years = Vec::with_capacity(schedule.horizon());
        for t in 0..schedule.horizon() {
            returns.next_year(self.source, t);
            shared.new_year();
            let year_of = &schedule.years[t];
            let growth = match year_of.stress {
                None => returns.growth(model),
                Some(stress) => stress_growth(stress, returns.growth(model), &mut stressed),
            };
            let contributes = !year_of.retired && year_of.contribution_usd > 0.0;
            let core_index = shared.core(model, year_of.mix, contributes, growth);
            let crypto_root = (schedule.has_sleeve && contributes)
                .then(|| shared.crypto_root(model, &growth[Asset::Crypto]));
            let core_growth = &shared.cores[core_index];
            let crypto_root = crypto_root.map_or(&[][..], |i| &shared.crypto_roots[i].1);
            let inflation = returns.inflation();
            let nominal = year_nominal(
                schedule,
                t,
                inflation,
                &mut accounts,
                Nominal {
                    other: &mut other,
                    expenses: &mut expenses,
                    untaxed: &mut untaxed,
                    other_widowed: &mut other_widowed,
                    untaxed_widowed: &mut untaxed_widowed,
                },
            );
            let mut trace = YearTrace::default();
            let balance_usd = lane_balance(
                0,
                &core,
                &sleeve,
                accounts
                    .private
                    .lanes(schedule, 1, &mut [0.0], &mut [0.0])
                    .as_ref(),
            );
            let pots = accounts.pots.first().copied();
            let private_usd = accounts.private.usd.first().copied();
            let working = working_lanes(schedule, t, &accounts.lives, &mut accounts.working);
            let private =
                accounts
                    .private
                    .lanes(schedule, 1, &mut private_fees, &mut private_overshoot);
            let lanes = Lanes {
                private,
                core: &mut core,
                sleeve: &mut sleeve,
                balance_at_retirement: &mut b_r,
                previous: &mut previous,
                depleted_at: &mut depleted,
                first_income: &mut first_income,
                essential_met: &mut met,
                lives: schedule
                    .lives
                    .as_ref()
                    .map(|lives| (lives, &accounts.lives[..])),
            };
            let incomes = YearIncomes {
                nominal,
                total: &mut [],
                trace: Some(&mut trace),
            };
            let year_growth = YearGrowth {
                core: &core_growth.growth,
                core_root: &core_growth.root,
                crypto: &growth[Asset::Crypto],
                crypto_root,
                private: &growth[Asset::Private],
                working,
            };
            if schedule.tax.is_some() {
                let taxed = Taxed {
                    pots: &mut accounts.pots,
                    deflator: if inflation.is_some() {
                        &accounts.deflator
                    } else {
                        &[]
                    },
                    rows: Default::default(),
                    lifetime_tax: &mut lifetime_tax,
                    first_income_after_tax: &mut first_after_tax,
                };
                year_taxed(schedule, t, lanes, incomes, year_growth, taxed);
            } else {
                year(schedule, t, lanes, incomes, year_growth);
            }
            years.push(ExplainedYear {
                age: year_of.age,
                balance_usd,
                // An asset's draws are not turned into returns without its sleeve.
                returns: PerAsset::from_fn(|asset| {
                    let held = match asset {
                        Asset::Crypto => schedule.has_sleeve,
                        Asset::Private => schedule.private.is_some(),
                        _ => true,
                    };
                    if !held {
                        f64::NAN
                    } else {
                        growth[asset][0] - 1.0
                    }
                }),
                contribution_usd: if contributes {
                    year_of.contribution_usd
                } else {
                    0.0
                },
                trace: year_of.retired.then_some(trace),
                pots,
                private_usd,
            });
        }
        years
    }

    /// Runs batch `batch` (paths `batch · lanes` onwards) for every member.
    /// With bands, `balances` (the batch's `rows × lanes` section of the
    /// workspace's) receives, member by member, each age's balances of the
    /// batch, row by row, `lanes` to a row.
    pub fn run_batch(
        &self,
        batch: usize,
        out: &mut BatchOut,
        balances: &mut [f64],
        mut cache: GrowthCache<'_>,
    ) {
        let first = batch * self.lanes;
        let lanes = (self.source.paths - first).min(self.lanes);
        let members = self.schedules.len();
        out.lanes = lanes;
        reset(&mut out.depleted_at, members * lanes, 0);
        reset(&mut out.first_income, members * lanes, 0.0);
        reset(&mut out.at_retirement, members * lanes, 0.0);
        reset(&mut out.worst_crypto, members * lanes, f64::INFINITY);
        reset(&mut out.essential_met, members * lanes, true);

        let mut accounts: Vec<Accounts> = self
            .schedules
            .iter()
            .map(|s| Accounts::new(s, lanes, first, self.source.seed))
            .collect();
        // The lifespans' per-path results, only when a member has them.
        let lived_lanes = if self.schedules.iter().any(|s| s.lives.is_some()) {
            members * lanes
        } else {
            0
        };
        reset(&mut out.death_ages, lived_lanes, [u32::MAX; 2]);
        reset(&mut out.last_age, lived_lanes, 0);
        reset(&mut out.left_usd, lived_lanes, 0.0);
        reset(&mut out.alone_from, lived_lanes, 0);
        // The private sleeve's per-path results, only when a member has one.
        let private_lanes = if self.schedules.iter().any(|s| s.private.is_some()) {
            members * lanes
        } else {
            0
        };
        reset(&mut out.private_fees_usd, private_lanes, 0.0);
        reset(&mut out.private_overshoot, private_lanes, 0.0);
        for (m, (schedule, a)) in self.schedules.iter().zip(&accounts).enumerate() {
            if let Some(lives) = &schedule.lives {
                for (l, lane) in a.lives.iter().enumerate() {
                    out.death_ages[m * lanes + l] = lane.death_ages;
                    out.last_age[m * lanes + l] = lane.last_age(lives.plan_to_age);
                    out.alone_from[m * lanes + l] = lane.alone_from(lives.plan_to_age);
                }
            }
        }
        // The taxes' per-path results, only when a member has taxes.
        let taxed_lanes = if self.schedules.iter().any(|s| s.tax.is_some()) {
            members * lanes
        } else {
            0
        };
        reset(&mut out.lifetime_tax, taxed_lanes, 0.0);
        reset(&mut out.first_income_after_tax, taxed_lanes, 0.0);
        for kind in &mut out.at_retirement_kinds {
            reset(kind, taxed_lanes, 0.0);
        }
        // Per-lane income only for fixed-dollar streams under a history.
        let nominal_lanes = if self.schedules.iter().any(Schedule::has_nominal) {
            lanes
        } else {
            0
        };
        let mut nominal_other = vec![0.0; nominal_lanes];
        let mut nominal_expenses = vec![0.0; nominal_lanes];
        let mut nominal_untaxed = vec![0.0; nominal_lanes];
        let mut nominal_other_widowed = vec![0.0; nominal_lanes];
        let mut nominal_untaxed_widowed = vec![0.0; nominal_lanes];
        // Paths each member runs in this batch (fewer only under a rolling
        // history whose members have different horizons).
        let member_lanes: Vec<usize> = self
            .source
            .member_paths
            .iter()
            .map(|&paths| paths.saturating_sub(first).min(lanes))
            .collect();
        for (m, schedule) in self.schedules.iter().enumerate() {
            if self.keep_bands {
                let row = self.layout.first_row[m];
                balances[row * lanes..(row + 1) * lanes].fill(schedule.balance_usd);
            }
            if schedule.retirement_index == 0 {
                out.at_retirement[m * lanes..(m + 1) * lanes].fill(schedule.balance_usd);
                if schedule.tax.is_some() {
                    let p = &schedule.pots;
                    for (kind, value) in out.at_retirement_kinds.iter_mut().zip([
                        p.traditional_usd,
                        p.roth_usd,
                        p.taxable_usd,
                    ]) {
                        kind[m * lanes..(m + 1) * lanes].fill(value);
                    }
                }
            }
        }

        let mut returns = YearReturnsOfBatch::new(self.source, first, lanes);
        let mut shared = SharedGrowth::default();
        let mut stressed: PerAsset<Vec<f64>> = Default::default();
        for t in 0..self.horizon {
            match &mut cache {
                GrowthCache::Use(kept) => returns.load(kept, t),
                GrowthCache::Fill(kept) => {
                    returns.next_year(self.source, t);
                    returns.store(kept, t);
                }
                GrowthCache::Off => returns.next_year(self.source, t),
            }
            shared.new_year();
            for (m, schedule) in self.schedules.iter().enumerate() {
                if t >= schedule.horizon() {
                    continue;
                }
                let n = member_lanes[m];
                let model = self.source.model_of[m];
                let year_of = &schedule.years[t];
                // A stress year replaces some of the draws' growth on every
                // path; such a member shares its growth with no other.
                let (growth, model) = match year_of.stress {
                    None => (returns.growth(model), model),
                    Some(stress) => (
                        stress_growth(stress, returns.growth(model), &mut stressed),
                        STRESSED_MODEL + m,
                    ),
                };
                let contributes = !year_of.retired && year_of.contribution_usd > 0.0;
                let core = shared.core(model, year_of.mix, contributes, growth);
                let crypto_root = (schedule.has_sleeve && contributes)
                    .then(|| shared.crypto_root(model, &growth[Asset::Crypto]));
                let core = &shared.cores[core];
                let crypto_root = crypto_root.map_or(&[][..], |i| &shared.crypto_roots[i].1);
                let span = m * lanes..m * lanes + n;
                let a = &mut accounts[m];
                let inflation = returns.inflation().map(|i| &i[..n]);
                let nominal = year_nominal(
                    schedule,
                    t,
                    inflation,
                    a,
                    Nominal {
                        other: &mut nominal_other[..],
                        expenses: &mut nominal_expenses[..],
                        untaxed: &mut nominal_untaxed[..],
                        other_widowed: &mut nominal_other_widowed[..],
                        untaxed_widowed: &mut nominal_untaxed_widowed[..],
                    },
                );
                // The year's kept rows: its income, then its tax rows.
                let kept = self.keep_bands && year_of.retired;
                let [income_row, tax_rows @ ..] = match (
                    self.layout.first_income_row[m],
                    self.layout.first_tax_row[m],
                ) {
                    (Some(income), Some(tax)) if kept => {
                        let horizon = schedule.horizon();
                        let rows: [usize; 1 + TAX_ROWS] = std::array::from_fn(|k| {
                            if k == 0 {
                                income + t
                            } else {
                                tax + (k - 1) * horizon + t
                            }
                        });
                        rows_of(balances, lanes, n, rows)
                    }
                    (Some(income), None) if kept => {
                        let [row] = rows_of(balances, lanes, n, [income + t]);
                        [row, &mut [], &mut [], &mut [], &mut [], &mut [], &mut []]
                    }
                    _ => Default::default(),
                };
                let working = working_lanes(schedule, t, &a.lives, &mut a.working).map(|w| &w[..n]);
                let (fees_usd, overshoot) = if schedule.private.is_some() {
                    (
                        &mut out.private_fees_usd[span.clone()],
                        &mut out.private_overshoot[span.clone()],
                    )
                } else {
                    (&mut [][..], &mut [][..])
                };
                let private = a.private.lanes(schedule, n, fees_usd, overshoot);
                let lanes_of = Lanes {
                    private,
                    core: &mut a.core_usd[..n],
                    sleeve: &mut a.sleeve_usd[..n],
                    balance_at_retirement: &mut a.balance_at_retirement_usd[..n],
                    previous: &mut a.previous_usd[..n],
                    depleted_at: &mut out.depleted_at[span.clone()],
                    first_income: &mut out.first_income[span.clone()],
                    essential_met: &mut out.essential_met[span.clone()],
                    lives: schedule.lives.as_ref().map(|lives| (lives, &a.lives[..n])),
                };
                let incomes = YearIncomes {
                    nominal,
                    total: income_row,
                    trace: None,
                };
                let year_growth = YearGrowth {
                    core: &core.growth,
                    core_root: &core.root,
                    crypto: &growth[Asset::Crypto],
                    crypto_root,
                    private: &growth[Asset::Private],
                    working,
                };
                if schedule.tax.is_some() {
                    let taxed = Taxed {
                        pots: &mut a.pots[..n],
                        deflator: if inflation.is_some() {
                            &a.deflator[..n]
                        } else {
                            &[]
                        },
                        rows: tax_rows,
                        lifetime_tax: &mut out.lifetime_tax[span.clone()],
                        first_income_after_tax: &mut out.first_income_after_tax[span.clone()],
                    };
                    year_taxed(schedule, t, lanes_of, incomes, year_growth, taxed);
                } else {
                    year(schedule, t, lanes_of, incomes, year_growth);
                }
                if schedule.has_sleeve {
                    let crypto = &growth[Asset::Crypto];
                    for (worst, g) in out.worst_crypto[span.clone()].iter_mut().zip(crypto) {
                        *worst = worst.min(*g);
                    }
                }
                let a = &accounts[m];
                // The money left when the last of them dies: the balance at
                // the end of each year someone is alive, the last one kept.
                if schedule.lives.is_some() {
                    let alive_to = &out.last_age[span.clone()];
                    for (l, (left, until)) in out.left_usd[span.clone()]
                        .iter_mut()
                        .zip(alive_to)
                        .enumerate()
                    {
                        if *until >= year_of.age {
                            *left = a.balance_usd(l);
                        }
                    }
                }
                if self.keep_bands {
                    let row = self.layout.first_row[m] + t + 1;
                    a.write_balances(&mut balances[row * lanes..row * lanes + n]);
                }
                if t + 1 == schedule.retirement_index {
                    a.write_balances(&mut out.at_retirement[span.clone()]);
                    if schedule.tax.is_some() {
                        let [traditional, roth, taxable] = &mut out.at_retirement_kinds;
                        for (l, p) in a.pots[..n].iter().enumerate() {
                            traditional[m * lanes + l] = p.traditional_usd;
                            roth[m * lanes + l] = p.roth_usd;
                            taxable[m * lanes + l] = p.taxable_usd;
                        }
                    }
                }
            }
        }
        let under_history = !matches!(self.source.kind, Kind::MonteCarlo { .. });
        for (m, schedule) in self.schedules.iter().enumerate() {
            if schedule.retirement_index < schedule.horizon() {
                continue;
            }
            // No retirement year is simulated: the rule applied to the final balance.
            let n = member_lanes[m];
            let a = &accounts[m];
            let income = &schedule.income_at_end;
            for (l, first) in out.first_income[m * lanes..m * lanes + n]
                .iter_mut()
                .enumerate()
            {
                let balance = a.balance_usd(l);
                let rule = RuleYear {
                    balance_usd: balance,
                    balance_at_retirement_usd: balance,
                    previous_usd: None,
                    years_left: 0,
                };
                *first =
                    schedule.withdrawal.amount_usd(&rule, income).min(balance) + income.net_usd();
            }
            // With taxes, what that first year would leave after tax.
            let (Some(plan), Some(tax_year)) =
                (&schedule.tax, schedule.years.last().and_then(|y| y.tax))
            else {
                continue;
            };
            let after_tax = plan.spending == Spending::AfterTax;
            for l in 0..n {
                let balance = a.balance_usd(l);
                let rule = RuleYear {
                    balance_usd: balance,
                    balance_at_retirement_usd: balance,
                    previous_usd: None,
                    years_left: 0,
                };
                let (spending, _) = schedule.withdrawal.spending_usd(&rule);
                let ask = ask_of(schedule, after_tax, spending, income);
                let price_level = a
                    .deflator
                    .get(l)
                    .filter(|_| under_history)
                    .map_or(tax_year.price_level, |d| 1.0 / d);
                let mut pots = a.pots[l];
                let did = retirement_year(
                    plan,
                    &tax_year,
                    price_level,
                    Outside::of(income, income.untaxed_usd),
                    ask,
                    &mut pots,
                    None,
                    false,
                );
                out.first_income_after_tax[m * lanes + l] = did.income_after_tax_usd;
            }
        }
    }
}

/// The year's growth with a stress test's event imposed on every lane,
/// written into `stressed`.
fn stress_growth<'a>(
    stress: YearStress,
    growth: &PerAsset<Vec<f64>>,
    stressed: &'a mut PerAsset<Vec<f64>>,
) -> &'a PerAsset<Vec<f64>> {
    stressed.clone_from(growth);
    match stress {
        YearStress::CryptoToZero => stressed[Asset::Crypto].fill(0.0),
        YearStress::Crash => {
            stressed[Asset::Stocks].fill(CRASH_STOCKS_GROWTH);
            stressed[Asset::Crypto].fill(CRASH_CRYPTO_GROWTH);
        }
        // The reported value is marked down with it (in `grow_private`).
        YearStress::PrivateMarkdown => stressed[Asset::Private].fill(MARKDOWN_PRIVATE_GROWTH),
    }
    stressed
}

/// Each lane's price deflator, a year on: less the year's inflation (for
/// taxes under a history, where no fixed-dollar stream advances it).
fn advance_deflator(t: usize, inflation: &[f64], deflator: &mut [f64]) {
    if t > 0 {
        for (d, i) in deflator.iter_mut().zip(inflation) {
            *d /= i;
        }
    }
}

/// Resizes `v` to `len` values of `value`, keeping its memory.
fn reset<T: Copy>(v: &mut Vec<T>, len: usize, value: T) {
    v.clear();
    v.resize(len, value);
}

/// Under a history: each lane's fixed-dollar streams of year `t`, written
/// into `buffers` (none without such streams), and each lane's deflator
/// advanced for taxes when no stream advances it.
fn year_nominal<'a>(
    schedule: &Schedule,
    t: usize,
    inflation: Option<&[f64]>,
    accounts: &mut Accounts,
    buffers: Nominal<&'a mut [f64]>,
) -> Option<Nominal<&'a [f64]>> {
    let inflation = inflation?;
    let n = inflation.len();
    if schedule.has_nominal() {
        let Nominal {
            other,
            expenses,
            untaxed,
            other_widowed,
            untaxed_widowed,
        } = buffers;
        let lanes = Nominal {
            other: &mut other[..n],
            expenses: &mut expenses[..n],
            untaxed: &mut untaxed[..n],
            other_widowed: &mut other_widowed[..n],
            untaxed_widowed: &mut untaxed_widowed[..n],
        };
        Some(nominal_income(schedule, t, inflation, accounts, lanes))
    } else {
        if schedule.tax.is_some() {
            advance_deflator(t, inflation, &mut accounts.deflator[..n]);
        }
        None
    }
}

/// Each lane's fixed-dollar streams of year `t` under a history: their
/// value when they start, less each later year's inflation of the lane.
fn nominal_income<'a>(
    schedule: &Schedule,
    t: usize,
    inflation: &[f64],
    accounts: &mut Accounts,
    lanes: Nominal<&'a mut [f64]>,
) -> Nominal<&'a [f64]> {
    let Nominal {
        other,
        expenses,
        untaxed,
        other_widowed,
        untaxed_widowed,
    } = lanes;
    let deflator = &mut accounts.deflator[..inflation.len()];
    advance_deflator(t, inflation, deflator);
    for buffer in [
        &mut *other,
        &mut *expenses,
        &mut *untaxed,
        &mut *other_widowed,
        &mut *untaxed_widowed,
    ] {
        buffer.fill(0.0);
    }
    for (stream, base) in schedule.nominal.iter().zip(&mut accounts.stream_base) {
        if t == stream.base_t {
            base[..deflator.len()].copy_from_slice(deflator);
        }
        if !stream.paid[t] {
            continue;
        }
        for l in 0..deflator.len() {
            let usd = stream.annual_usd * deflator[l] / base[l];
            if usd >= 0.0 {
                let widowed = usd * stream.survivor_share;
                other[l] += usd;
                other_widowed[l] += widowed;
                if !stream.taxable {
                    untaxed[l] += usd;
                    untaxed_widowed[l] += widowed;
                }
            } else {
                expenses[l] -= usd;
            }
        }
    }
    Nominal {
        other,
        expenses,
        untaxed,
        other_widowed,
        untaxed_widowed,
    }
}

/// Rows `rows` (in increasing order) of a batch's section, `lanes` to a
/// row: the first `n` lanes of each.
fn rows_of<const K: usize>(
    section: &mut [f64],
    lanes: usize,
    n: usize,
    rows: [usize; K],
) -> [&mut [f64]; K] {
    let mut rest = section;
    let mut start = 0;
    rows.map(|row| {
        let tail = std::mem::take(&mut rest)
            .split_at_mut((row - start) * lanes)
            .1;
        let (this, tail) = tail.split_at_mut(lanes);
        rest = tail;
        start = row + 1;
        &mut this[..n]
    })
}

/// One member's per-lane state and results in a batch.
struct Lanes<'a> {
    core: &'a mut [f64],
    sleeve: &'a mut [f64],
    balance_at_retirement: &'a mut [f64],
    previous: &'a mut [f64],
    depleted_at: &'a mut [u32],
    first_income: &'a mut [f64],
    essential_met: &'a mut [bool],
    /// With lifespans: the member's lives and each lane's.
    lives: Option<(&'a Lives, &'a [LaneLife])>,
    /// With a private sleeve: its holding.
    private: Option<PrivateLanes<'a>>,
}

/// A year's income from outside the portfolio that differs by lane, and
/// where each lane's total income is written (empty: not kept).
struct YearIncomes<'a> {
    /// Fixed-dollar streams under a history, by lane.
    nominal: Option<Nominal<&'a [f64]>>,
    total: &'a mut [f64],
    /// When one path is explained: what lane 0 did this year.
    trace: Option<&'a mut YearTrace>,
}

/// Each lane's income from fixed-dollar streams under a history (`S`: a
/// slice, or a mutable one while it is written).
#[derive(Clone, Copy)]
struct Nominal<S> {
    other: S,
    expenses: S,
    /// Of `other`, what is not taxable income.
    untaxed: S,
    /// `other` and `untaxed` once the saver has died: each stream at its
    /// survivor share.
    other_widowed: S,
    untaxed_widowed: S,
}

/// A member's taxes in a batch: each lane's money by kind and what the
/// year's tax did to it.
struct Taxed<'a> {
    pots: &'a mut [Pots],
    /// Under a history: each lane's price deflator since today (empty
    /// under Monte Carlo: the year's plan has the price level).
    deflator: &'a [f64],
    /// The year's tax rows, in [`TAX_ROWS`]' order (empty: not kept).
    rows: [&'a mut [f64]; TAX_ROWS],
    lifetime_tax: &'a mut [f64],
    first_income_after_tax: &'a mut [f64],
}

/// What one path did in one retirement year, for `--explain`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearTrace {
    /// What the account paid.
    pub withdrawal_usd: f64,
    /// Income from outside the account.
    pub income: YearIncome,
    /// What the rule did.
    pub rule_move: Option<RuleMove>,
    /// With taxes: what the year's taxes did.
    pub taxed: Option<TaxedYear>,
    /// A survivor's year: who survives.
    pub alone: Option<Survivor>,
    /// No one is left: the path is over.
    pub gone: bool,
}

impl YearTrace {
    /// A year after the last death.
    fn gone() -> Self {
        YearTrace {
            gone: true,
            ..YearTrace::default()
        }
    }
}

/// The essential income a lane's year is measured against: a survivor's
/// share of it after a death.
fn essential_of(schedule: &Schedule, household: Household<'_>) -> Option<f64> {
    let essential = schedule.essential_usd?;
    Some(match household {
        Household::Alone { year, .. } => essential * year.need_share,
        _ => essential,
    })
}

/// One year of a member with taxes (MODEL-v3 §16), every lane: the
/// model's order of events, with the withdrawal taken by kind of money and
/// taxed, the RMD, a conversion, and each kind's growth.
#[allow(clippy::needless_range_loop)] // lane l of several slices reads best by index
fn year_taxed(
    schedule: &Schedule,
    t: usize,
    lanes: Lanes<'_>,
    mut incomes: YearIncomes<'_>,
    growth: YearGrowth<'_>,
    taxed: Taxed<'_>,
) {
    let Lanes {
        core,
        sleeve,
        balance_at_retirement,
        previous,
        depleted_at,
        first_income,
        essential_met,
        lives,
        mut private,
    } = lanes;
    let Taxed {
        pots,
        deflator,
        rows,
        lifetime_tax,
        first_income_after_tax,
    } = taxed;
    let year: &Year = &schedule.years[t];
    let (Some(plan), Some(tax_year)) = (&schedule.tax, &year.tax) else {
        return;
    };
    let s = year.sleeve_weight;
    rebalance(schedule, t, core, sleeve, private.as_mut());
    let after_tax = plan.spending == Spending::AfterTax;
    if year.retired {
        let first_year = t == schedule.retirement_index;
        // Under Monte Carlo a fixed need after tax met from traditional
        // money is one withdrawal for every path: found once.
        // The income from outside, the same on every path but for
        // fixed-dollar streams under a history.
        let year_outside = Outside::of(&year.income, year.income.untaxed_usd);
        // (Found once per run, in the schedule; a history's price levels
        // differ by path.)
        let under_monte_carlo = deflator.is_empty();
        let shortcut = year.shortcut.as_ref().filter(|_| under_monte_carlo);
        let marginal = incomes.trace.is_some();
        let [
            after_row,
            federal_row,
            state_row,
            rmd_row,
            conversion_row,
            rate_row,
        ] = rows;
        for l in 0..core.len() {
            let household = lives.map_or(Household::Whole, |(lives, lane)| {
                lane[l].household(lives, t, year.age)
            });
            if household == Household::Gone {
                // No one is left: no withdrawal, no tax; nothing to show.
                if let Some(cell) = incomes.total.get_mut(l) {
                    *cell = 0.0;
                }
                for row in [
                    &mut *after_row,
                    &mut *federal_row,
                    &mut *state_row,
                    &mut *rmd_row,
                    &mut *conversion_row,
                    &mut *rate_row,
                ] {
                    if let Some(cell) = row.get_mut(l) {
                        *cell = 0.0;
                    }
                }
                if l == 0
                    && let Some(trace) = incomes.trace.as_deref_mut()
                {
                    *trace = YearTrace::gone();
                }
                continue;
            }
            let LaneYear {
                alone,
                income,
                untaxed_usd: untaxed,
                spending_usd: spending,
                rule_move,
                ..
            } = lane_year(
                schedule,
                year,
                first_year,
                l,
                lane_balance(l, core, sleeve, private.as_ref()),
                incomes.nominal,
                balance_at_retirement,
                previous,
                household,
            );
            let ask = if depleted_at[l] != 0 {
                Ask::Gross(0.0)
            } else {
                ask_of(schedule, after_tax, spending, &income)
            };
            let outside = if incomes.nominal.is_some() || alone.is_some() {
                Outside::of(&income, untaxed)
            } else {
                year_outside
            };
            // A survivor's year is taxed as theirs: single, their deductions.
            let lane_tax_year = match household {
                Household::Alone { year: a, .. } => a.tax.as_ref().unwrap_or(tax_year),
                _ => tax_year,
            };
            let price_level = deflator
                .get(l)
                .map_or(lane_tax_year.price_level, |d| 1.0 / d);
            // A survivor's year has its own, one per widow(er)'s benefit.
            let lane_shortcut = match household {
                Household::Whole => shortcut,
                Household::Alone {
                    year: a, widow_usd, ..
                } if under_monte_carlo => a
                    .shortcuts
                    .iter()
                    .find(|(w, _)| *w == widow_usd.to_bits())
                    .and_then(|(_, s)| s.as_ref()),
                _ => None,
            };
            let p = &mut pots[l];
            let before = p.total_usd();
            let did = retirement_year(
                plan,
                lane_tax_year,
                price_level,
                outside,
                ask,
                p,
                lane_shortcut,
                marginal,
            );
            if did.ran_out && depleted_at[l] == 0 {
                depleted_at[l] = year.age;
            }
            // The portfolio follows the accounts: what left them left it.
            if let Some(private) = private.as_mut() {
                // Sold as the sale limit allows; a forced sale's discount
                // is a loss of every kind of money pro rata.
                let (_, ran_out) = take(l, before - p.total_usd(), core, sleeve, Some(private));
                if ran_out && depleted_at[l] == 0 {
                    depleted_at[l] = year.age;
                }
                let left = lane_balance(l, core, sleeve, Some(private));
                let total = p.total_usd();
                if total > 0.0 && left < total {
                    p.scale(left / total);
                }
            } else {
                let kept = if before > 0.0 {
                    p.total_usd() / before
                } else {
                    0.0
                };
                core[l] *= kept;
                sleeve[l] *= kept;
            }
            let total = did.income_usd;
            let tax = did.tax_usd();
            lifetime_tax[l] += tax;
            if first_year {
                first_income[l] = total;
                first_income_after_tax[l] = did.income_after_tax_usd;
            }
            if let Some(cell) = incomes.total.get_mut(l) {
                *cell = total;
            }
            for (row, value) in [
                (&mut *after_row, did.income_after_tax_usd),
                (&mut *federal_row, did.federal_tax_usd),
                (&mut *state_row, did.state_tax_usd),
                (&mut *rmd_row, did.rmd_usd),
                (&mut *conversion_row, did.conversion_usd),
                (&mut *rate_row, if total > 0.0 { tax / total } else { 0.0 }),
            ] {
                if let Some(cell) = row.get_mut(l) {
                    *cell = value;
                }
            }
            if l == 0
                && let Some(trace) = incomes.trace.as_deref_mut()
            {
                *trace = YearTrace {
                    withdrawal_usd: did.traditional_usd + did.roth_usd + did.taxable_usd,
                    income,
                    rule_move: (depleted_at[l] == 0 || did.income_usd > 0.0).then_some(rule_move),
                    taxed: Some(did),
                    alone,
                    gone: false,
                };
            }
            let measured = if after_tax {
                did.income_after_tax_usd
            } else {
                total
            };
            if let Some(essential) = essential_of(schedule, household)
                && measured < essential - 0.01
            {
                essential_met[l] = false;
            }
        }
    }
    // Returns, contributions through the year, fees: the portfolio as
    // without taxes, and each kind of money by its share of the growth.
    let contribution = year.contribution_usd;
    let contributes = !year.retired && contribution > 0.0;
    let (core_kept, sleeve_kept) = (1.0 - year.core_fee, 1.0 - year.sleeve_fee);
    let private_share = year.private_weight * contribution;
    let markdown = year.stress == Some(YearStress::PrivateMarkdown);
    let (core_share, sleeve_share) = (
        (1.0 - s - year.private_weight) * contribution,
        s * contribution,
    );
    let YearGrowth {
        core: g,
        core_root,
        crypto: gk,
        crypto_root,
        private: gp,
        working,
    } = growth;
    let (to_traditional, to_roth, to_taxable) = (
        tax_year.to_traditional_usd,
        tax_year.to_roth_usd,
        tax_year.to_taxable_usd,
    );
    // Each kind grows as the portfolio does: what it held by the old
    // money's growth, what went in by the new money's. The three add up
    // to the portfolio by construction (the year's contribution is theirs).
    // (A contribution too small to divide by, below the smallest normal
    // number, is none: its reciprocal would overflow.)
    let per_contributed = if contributes && contribution >= f64::MIN_POSITIVE {
        1.0 / contribution
    } else {
        0.0
    };
    for l in 0..core.len() {
        let sleeve_before = sleeve[l];
        let private_before = private.as_ref().map_or(0.0, |p| p.usd[l]);
        let before = lane_balance(l, core, sleeve, private.as_ref());
        let core_old = core[l] * g[l] * core_kept;
        let sleeve_old = if schedule.has_sleeve {
            sleeve[l] * gk[l] * sleeve_kept
        } else {
            0.0
        };
        let (core_new, sleeve_new) = match (contributes, schedule.has_sleeve) {
            (false, _) => (0.0, 0.0),
            (true, false) => (core_share * core_root[l] * core_kept, 0.0),
            (true, true) => (
                core_share * core_root[l] * core_kept,
                sleeve_share * crypto_root[l] * sleeve_kept,
            ),
        };
        // A lane whose saver has died puts nothing in (×1 changes no bit).
        let w = working.map_or(1.0, |w| w[l]);
        let (core_new, sleeve_new) = (core_new * w, sleeve_new * w);
        core[l] = core_old + core_new;
        sleeve[l] = sleeve_old + sleeve_new;
        let (private_old, private_new) = match private.as_mut() {
            Some(p) => {
                let new_usd = if contributes { private_share * w } else { 0.0 };
                grow_private(p, l, gp[l], new_usd, markdown)
            }
            None => (0.0, 0.0),
        };
        // Without money in a sleeve the old money's growth is the core's
        // own: the same bits whether the sleeve is absent or of weight zero.
        let old = if sleeve_before == 0.0 && private_before == 0.0 {
            g[l] * core_kept
        } else if before > 0.0 {
            (core_old + sleeve_old + private_old) / before
        } else {
            0.0
        };
        let new = (core_new + sleeve_new + private_new) * per_contributed;
        let p = &mut pots[l];
        // The taxable account's dividends are taxed: its return is lower
        // by the drag, on what it held through the year (and half a year
        // on what went in).
        let joining = if contributes {
            0.5 * to_taxable * w
        } else {
            0.0
        };
        let drag = plan.drag * (p.taxable_usd + joining);
        p.traditional_usd = p.traditional_usd * old + to_traditional * new;
        p.roth_usd = p.roth_usd * old + to_roth * new;
        p.taxable_usd = p.taxable_usd * old + to_taxable * new;
        if contributes {
            p.roth_basis_usd += to_roth * w;
            p.taxable_basis_usd += to_taxable * w;
        }
        if drag > 0.0 && p.taxable_usd > 0.0 {
            let drag = drag.min(p.taxable_usd);
            p.taxable_usd -= drag;
            let total = lane_balance(l, core, sleeve, private.as_ref());
            if total > 0.0 {
                let kept = 1.0 - drag / total;
                core[l] *= kept;
                sleeve[l] *= kept;
                if let Some(p) = private.as_mut() {
                    p.usd[l] *= kept;
                }
            }
        }
    }
}

/// What a retirement year with taxes asks of the accounts: under
/// `AfterTax` a fixed need is what is left after tax, else the rule's
/// withdrawal before tax.
fn ask_of(schedule: &Schedule, after_tax: bool, spending_usd: f64, income: &YearIncome) -> Ask {
    match schedule.withdrawal {
        Withdrawal::FixedReal(_) if after_tax => Ask::AfterTax(spending_usd),
        _ => Ask::Gross(schedule.withdrawal.asked_usd(spending_usd, income)),
    }
}

/// Target weights and rebalancing at the start of year `t`: without a
/// sleeve the core is the whole account already (the split would change
/// no bit); in a zero-at year the sleeve is held at its target whatever
/// the policy.
#[inline(always)]
fn rebalance(
    schedule: &Schedule,
    t: usize,
    core: &mut [f64],
    sleeve: &mut [f64],
    private: Option<&mut PrivateLanes<'_>>,
) {
    let year = &schedule.years[t];
    let s = year.sleeve_weight;
    let held = year.stress == Some(YearStress::CryptoToZero);
    let crypto_moves =
        schedule.has_sleeve && (t == 0 || held || schedule.rebalance == Rebalance::Annual);
    if let Some(private) = private {
        rebalance_with_private(year, crypto_moves, core, sleeve, private);
        return;
    }
    if crypto_moves {
        for (c, k) in core.iter_mut().zip(sleeve.iter_mut()) {
            let balance = *c + *k;
            *c = (1.0 - s) * balance;
            *k = s * balance;
        }
    }
}

/// Rebalancing with a private sleeve (MODEL-v3 §18): the private holding
/// is bought up to its target freely but sold down by at most the year's
/// sale limit, so after a crash it can stand above its target; the liquid
/// rest is split between the core and the crypto sleeve by their targets
/// (when the sleeve's policy rebalances it this year; else the core alone
/// pays for or receives what the private holding moves). What is left of
/// the sale limit is kept for the year's withdrawal.
#[inline(always)]
fn rebalance_with_private(
    year: &Year,
    crypto_moves: bool,
    core: &mut [f64],
    sleeve: &mut [f64],
    private: &mut PrivateLanes<'_>,
) {
    let (s, target_weight) = (year.sleeve_weight, year.private_weight);
    let max_sale = private.schedule.view.max_sale;
    // The crypto sleeve's share of the liquid assets at their targets
    // (the two sleeves hold at most the whole account: validated).
    let sleeve_of_liquid = if s > 0.0 {
        s / (1.0 - target_weight)
    } else {
        0.0
    };
    // One branch-free pass per case, so each vectorises.
    let n = core.len();
    let (usd, allowance, overshoot) = (
        &mut private.usd[..n],
        &mut private.allowance_usd[..n],
        &mut private.overshoot[..n],
    );
    for l in 0..n {
        let held_usd = usd[l];
        let balance = core[l] + sleeve[l] + held_usd;
        let target_usd = target_weight * balance;
        let allowance_usd = max_sale * held_usd;
        // Sold down within the limit (all of it used when it binds), or
        // bought up freely.
        let floor_usd = held_usd - allowance_usd;
        let binds = floor_usd >= target_usd;
        let mut private_usd = if binds { floor_usd } else { target_usd };
        // (Never below 0 by a rounding: a negative sale would buy.)
        let allowance_left = if binds {
            0.0
        } else {
            (allowance_usd - (held_usd - target_usd).max(0.0)).max(0.0)
        };
        if crypto_moves {
            let liquid = balance - private_usd;
            sleeve[l] = liquid * sleeve_of_liquid;
            core[l] = liquid - sleeve[l];
        } else {
            // The core buys what it can hold.
            let core_usd = balance - private_usd - sleeve[l];
            let short = core_usd < 0.0;
            private_usd = if short {
                private_usd + core_usd
            } else {
                private_usd
            };
            core[l] = core_usd.max(0.0);
        }
        allowance[l] = allowance_left;
        usd[l] = private_usd;
        // (An empty account's 0/0 is NaN, which `max` passes over.)
        overshoot[l] = overshoot[l].max((private_usd - target_usd) / balance);
    }
}

/// Takes `asked_usd` from lane `l` at the start of a retirement year and
/// says what it paid and whether the lane ran out. Without a private
/// sleeve the holdings pay pro rata. With one, its pro-rata part is sold
/// within what the year's sale limit leaves and the liquid assets pay
/// the rest; only when they are gone is more of it sold, in a forced sale
/// at its true value (never above the reported one).
#[inline(always)]
fn take(
    l: usize,
    asked_usd: f64,
    core: &mut [f64],
    sleeve: &mut [f64],
    private: Option<&mut PrivateLanes<'_>>,
) -> (f64, bool) {
    let liquid = core[l] + sleeve[l];
    let Some(p) = private else {
        if asked_usd > liquid {
            core[l] = 0.0;
            sleeve[l] = 0.0;
            return (liquid, true);
        }
        if asked_usd > 0.0 {
            let kept = 1.0 - asked_usd / liquid;
            core[l] *= kept;
            sleeve[l] *= kept;
        }
        return (asked_usd, false);
    };
    if asked_usd <= 0.0 {
        return (asked_usd.max(0.0), false);
    }
    let held = p.usd[l];
    let balance = liquid + held;
    let from_private = if balance > 0.0 {
        (asked_usd * (held / balance)).min(p.allowance_usd[l])
    } else {
        0.0
    };
    let from_liquid = asked_usd - from_private;
    if from_liquid <= liquid {
        if liquid > 0.0 {
            let kept = 1.0 - from_liquid / liquid;
            core[l] *= kept;
            sleeve[l] *= kept;
        }
        p.usd[l] = held - from_private;
        p.allowance_usd[l] -= from_private;
        return (asked_usd, false);
    }
    // The liquid assets are gone: the rest is a forced sale.
    core[l] = 0.0;
    sleeve[l] = 0.0;
    p.allowance_usd[l] = 0.0;
    let price = p.ratio[l].min(1.0);
    let short_usd = from_liquid - liquid;
    let rest_usd = held - from_private;
    if short_usd <= rest_usd * price {
        p.usd[l] = rest_usd - short_usd / price;
        (asked_usd, false)
    } else {
        p.usd[l] = 0.0;
        (liquid + from_private + rest_usd * price, true)
    }
}

/// Lane `l`'s private holding through the year: the reported return
/// smoothed from the true growth `true_growth` (Geltner's AR(1)), the
/// fund's fees on it, the plan's fee, and `new_usd` put in through the
/// year (half a year's growth). Returns the old money's and the new
/// money's value at year end.
#[inline(always)]
fn grow_private(
    p: &mut PrivateLanes<'_>,
    l: usize,
    true_growth: f64,
    new_usd: f64,
    markdown: bool,
) -> (f64, f64) {
    let view = &p.schedule.view;
    let rho = view.smoothing;
    // A markdown is reported as it happens, not smoothed.
    let reported = if markdown {
        true_growth - 1.0
    } else {
        (1.0 - rho) * (true_growth - 1.0) + rho * p.reported[l]
    };
    let net = view.net_growth(reported);
    let held = p.usd[l];
    let kept = p.schedule.kept;
    let old_usd = held * net * kept;
    let mut fees_usd = held * (1.0 + reported - net);
    let mut new_kept_usd = 0.0;
    if new_usd > 0.0 {
        let net_new = new_usd * net.sqrt();
        fees_usd += new_usd * (1.0 + reported).sqrt() - net_new;
        new_kept_usd = net_new * kept;
        p.usd[l] = old_usd + new_kept_usd;
    } else {
        p.usd[l] = old_usd;
    }
    p.fees_usd[l] += fees_usd;
    p.ratio[l] *= true_growth / (1.0 + reported);
    p.reported[l] = reported;
    (old_usd, new_kept_usd)
}

/// Lane `l`'s whole balance: the core, the sleeve and the private holding
/// at its reported value.
#[inline(always)]
fn lane_balance(l: usize, core: &[f64], sleeve: &[f64], private: Option<&PrivateLanes<'_>>) -> f64 {
    match private {
        Some(p) => core[l] + sleeve[l] + p.usd[l],
        None => core[l] + sleeve[l],
    }
}

/// One lane's retirement year before its withdrawal, taxed or not.
struct LaneYear {
    /// A survivor's year: who survives.
    alone: Option<Survivor>,
    /// The year's income from outside, this lane's fixed-dollar streams in.
    income: YearIncome,
    /// Of the income, what is untaxed (this lane's streams in).
    untaxed_usd: f64,
    /// What the withdrawal rule spends this year.
    spending_usd: f64,
    /// What the rule did, for the explain view.
    rule_move: RuleMove,
}

/// Lane `l`'s income and the rule's spending in a retirement year; keeps
/// the balance at retirement in its first year and the spending for the
/// next.
#[allow(clippy::too_many_arguments)] // one lane's inputs, each its own
#[inline(always)]
fn lane_year(
    schedule: &Schedule,
    year: &Year,
    first_year: bool,
    l: usize,
    balance_usd: f64,
    nominal: Option<Nominal<&[f64]>>,
    balance_at_retirement: &mut [f64],
    previous: &mut [f64],
    household: Household<'_>,
) -> LaneYear {
    if first_year {
        balance_at_retirement[l] = balance_usd;
    }
    let (mut income, alone, need_share) = match household {
        Household::Alone {
            survivor,
            year: alone,
            widow_usd,
        } => (
            alone.income_with(survivor, widow_usd),
            Some(survivor),
            alone.need_share,
        ),
        Household::Whole | Household::Gone => (year.income, None, 1.0),
    };
    let mut untaxed_usd = income.untaxed_usd;
    if let Some(n) = nominal {
        // Once the saver has died their fixed-dollar streams pay the
        // survivor's share.
        let (other, untaxed) = if alone == Some(Survivor::Spouse) {
            (n.other_widowed[l], n.untaxed_widowed[l])
        } else {
            (n.other[l], n.untaxed[l])
        };
        income.other_usd += other;
        income.expenses_usd += n.expenses[l];
        untaxed_usd += untaxed;
    }
    let rule = RuleYear {
        balance_usd,
        balance_at_retirement_usd: balance_at_retirement[l],
        previous_usd: (!first_year).then_some(previous[l]),
        years_left: schedule.plan_to_age - year.age,
    };
    let (mut spending_usd, rule_move) = schedule.withdrawal.spending_usd(&rule);
    previous[l] = spending_usd;
    // A survivor needs a share of a fixed need; a rule that sets the
    // withdrawal from the balance goes on as it is.
    if alone.is_some() && matches!(schedule.withdrawal, Withdrawal::FixedReal(_)) {
        spending_usd *= need_share;
    }
    LaneYear {
        alone,
        income,
        untaxed_usd,
        spending_usd,
        rule_move,
    }
}

/// One year of the model's order of events for one member, every lane.
#[allow(clippy::needless_range_loop)] // lane l of several slices reads best by index
fn year(
    schedule: &Schedule,
    t: usize,
    lanes: Lanes<'_>,
    mut incomes: YearIncomes<'_>,
    growth: YearGrowth<'_>,
) {
    let Lanes {
        core,
        sleeve,
        balance_at_retirement,
        previous,
        depleted_at,
        first_income,
        essential_met,
        lives,
        mut private,
    } = lanes;
    let year: &Year = &schedule.years[t];
    let s = year.sleeve_weight;
    // 1-2. Target weights and rebalancing.
    rebalance(schedule, t, core, sleeve, private.as_mut());
    // 3. Withdrawal at the start of a retirement year, pro rata.
    if year.retired {
        let first_year = t == schedule.retirement_index;
        for l in 0..core.len() {
            let household = lives.map_or(Household::Whole, |(lives, lane)| {
                lane[l].household(lives, t, year.age)
            });
            if household == Household::Gone {
                // No one is left: no withdrawal; nothing to show.
                if let Some(cell) = incomes.total.get_mut(l) {
                    *cell = 0.0;
                }
                if l == 0
                    && let Some(trace) = incomes.trace.as_deref_mut()
                {
                    *trace = YearTrace::gone();
                }
                continue;
            }
            let balance = lane_balance(l, core, sleeve, private.as_ref());
            let LaneYear {
                alone,
                income,
                spending_usd: spending,
                rule_move,
                ..
            } = lane_year(
                schedule,
                year,
                first_year,
                l,
                balance,
                incomes.nominal,
                balance_at_retirement,
                previous,
                household,
            );
            let asked = if depleted_at[l] != 0 {
                0.0
            } else {
                schedule.withdrawal.asked_usd(spending, &income)
            };
            let (paid, ran_out) = take(l, asked, core, sleeve, private.as_mut());
            if ran_out {
                depleted_at[l] = year.age;
            }
            let total = paid + income.net_usd();
            if l == 0
                && let Some(trace) = incomes.trace.as_deref_mut()
            {
                *trace = YearTrace {
                    withdrawal_usd: paid,
                    income,
                    rule_move: (depleted_at[l] == 0 || paid > 0.0).then_some(rule_move),
                    taxed: None,
                    alone,
                    gone: false,
                };
            }
            if first_year {
                first_income[l] = total;
            }
            if let Some(cell) = incomes.total.get_mut(l) {
                *cell = total;
            }
            if let Some(essential) = essential_of(schedule, household)
                && total < essential - 0.01
            {
                essential_met[l] = false;
            }
        }
    }
    // 4-6. Returns, contributions through the year (half a year's growth),
    // fees at year end. One loop per case, so each is branch-free and the
    // compiler vectorises it; without a sleeve the sleeve stays exactly 0.
    let contribution = year.contribution_usd;
    let contributes = !year.retired && contribution > 0.0;
    let (core_kept, sleeve_kept) = (1.0 - year.core_fee, 1.0 - year.sleeve_fee);
    let private_share = year.private_weight * contribution;
    let markdown = year.stress == Some(YearStress::PrivateMarkdown);
    let (core_share, sleeve_share) = (
        (1.0 - s - year.private_weight) * contribution,
        s * contribution,
    );
    let YearGrowth {
        core: g,
        core_root,
        crypto: gk,
        crypto_root,
        private: gp,
        working,
    } = growth;
    let n = core.len();
    if let Some(p) = private.as_mut() {
        for l in 0..n {
            let w = working.map_or(1.0, |w| w[l]);
            let new_usd = if contributes { private_share * w } else { 0.0 };
            grow_private(p, l, gp[l], new_usd, markdown);
        }
    }
    if let (true, Some(w)) = (contributes, working) {
        // With lifespans, a lane whose saver has died puts nothing in.
        for l in 0..n {
            core[l] = (core[l] * g[l] + core_share * core_root[l] * w[l]) * core_kept;
            if schedule.has_sleeve {
                sleeve[l] =
                    (sleeve[l] * gk[l] + sleeve_share * crypto_root[l] * w[l]) * sleeve_kept;
            }
        }
        return;
    }
    match (schedule.has_sleeve, contributes) {
        (true, true) => {
            for l in 0..n {
                core[l] = (core[l] * g[l] + core_share * core_root[l]) * core_kept;
                sleeve[l] = (sleeve[l] * gk[l] + sleeve_share * crypto_root[l]) * sleeve_kept;
            }
        }
        (true, false) => {
            for l in 0..n {
                core[l] = core[l] * g[l] * core_kept;
                sleeve[l] = sleeve[l] * gk[l] * sleeve_kept;
            }
        }
        (false, true) => {
            for l in 0..n {
                core[l] = (core[l] * g[l] + core_share * core_root[l]) * core_kept;
            }
        }
        (false, false) => {
            for l in 0..n {
                core[l] = core[l] * g[l] * core_kept;
            }
        }
    }
}

/// A member's growth factors of one year, lane by lane (the roots only
/// where contributions need them).
struct YearGrowth<'a> {
    core: &'a [f64],
    core_root: &'a [f64],
    crypto: &'a [f64],
    crypto_root: &'a [f64],
    /// The private asset's true growth (empty without a private sleeve).
    private: &'a [f64],
    /// With lifespans: 1 for each lane that contributes, 0 for a lane
    /// whose saver has died (`None`: every lane contributes).
    working: Option<&'a [f64]>,
}

/// The core's growth of one year for each mix the set's members hold
/// (members on one glide path, such as a plan and the plan without its
/// sleeve, share it), with square roots for the half year contributions
/// earn: each worked out once, not once per member.
#[derive(Default)]
struct SharedGrowth {
    cores: Vec<CoreGrowth>,
    used: usize,
    crypto_roots: Vec<(usize, Vec<f64>)>,
    crypto_used: usize,
}

struct CoreGrowth {
    model: usize,
    mix: Mix,
    growth: Vec<f64>,
    root: Vec<f64>,
    rooted: bool,
}

impl SharedGrowth {
    fn new_year(&mut self) {
        self.used = 0;
        self.crypto_used = 0;
    }

    /// Where the core's growth under `model` at `mix` (`1 + Σ wᵢ Rᵢ`), and
    /// its root if `root`, are in `cores`.
    fn core(&mut self, model: usize, mix: Mix, root: bool, growth: &PerAsset<Vec<f64>>) -> usize {
        let found = self.cores[..self.used]
            .iter()
            .position(|c| c.model == model && c.mix == mix);
        let index = found.unwrap_or_else(|| {
            if self.used == self.cores.len() {
                self.cores.push(CoreGrowth {
                    model,
                    mix,
                    growth: Vec::new(),
                    root: Vec::new(),
                    rooted: false,
                });
            }
            let c = &mut self.cores[self.used];
            let (stocks, bonds, cash) = (
                &growth[Asset::Stocks],
                &growth[Asset::Bonds],
                &growth[Asset::Cash],
            );
            c.model = model;
            c.mix = mix;
            c.rooted = false;
            c.growth.clear();
            c.growth.extend(
                stocks
                    .iter()
                    .zip(bonds)
                    .zip(cash)
                    .map(|((s, b), c)| mix.blend(*s, *b, *c)),
            );
            self.used += 1;
            self.used - 1
        });
        let c = &mut self.cores[index];
        if root && !c.rooted {
            c.root.clear();
            c.root.extend(c.growth.iter().map(|g| g.sqrt()));
            c.rooted = true;
        }
        index
    }

    /// Where the root of crypto's growth under `model` is in `crypto_roots`.
    fn crypto_root(&mut self, model: usize, crypto: &[f64]) -> usize {
        let found = self.crypto_roots[..self.crypto_used]
            .iter()
            .position(|(m, _)| *m == model);
        found.unwrap_or_else(|| {
            if self.crypto_used == self.crypto_roots.len() {
                self.crypto_roots.push((model, Vec::new()));
            }
            let (m, root) = &mut self.crypto_roots[self.crypto_used];
            *m = model;
            root.clear();
            root.extend(crypto.iter().map(|g| g.sqrt()));
            self.crypto_used += 1;
            self.crypto_used - 1
        })
    }
}

/// Monte Carlo growth factors kept between runs of the same draws (a
/// solve or a sweep evaluates many plans on one market): this batch's
/// section of the kept factors, by year, model, asset and lane.
pub enum GrowthCache<'a> {
    /// Nothing kept: make the factors from the draws.
    Off,
    /// Make them and keep them.
    Fill(&'a mut [f64]),
    /// Read the kept ones: the same bits the draws would give.
    Use(&'a [f64]),
}

/// A batch's growth factors, year by year, from its source.
enum YearReturnsOfBatch {
    MonteCarlo {
        rngs: Vec<PathRng>,
        /// The private asset's streams (none when no model draws it).
        private_rngs: Vec<PathRng>,
        draws: Draws,
        /// Growth factors by model, asset, lane.
        growth: Vec<PerAsset<Vec<f64>>>,
    },
    History {
        first: usize,
        cursors: Vec<BlockCursor>,
        growth: PerAsset<Vec<f64>>,
        /// Each lane's `1 + inflation` of the year.
        inflation: Vec<f64>,
    },
}

impl YearReturnsOfBatch {
    fn new(source: &Source, first: usize, lanes: usize) -> Self {
        let column = || PerAsset::from_fn(|_| vec![0.0; lanes]);
        match &source.kind {
            Kind::MonteCarlo {
                models,
                private_needed,
                ..
            } => YearReturnsOfBatch::MonteCarlo {
                rngs: (first..first + lanes)
                    .map(|path| path_rng(source.seed, path as u64))
                    .collect(),
                private_rngs: if private_needed.iter().any(|n| *n) {
                    (first..first + lanes)
                        .map(|path| private_rng(source.seed, path as u64))
                        .collect()
                } else {
                    Vec::new()
                },
                draws: Draws {
                    z: std::array::from_fn(|_| vec![0.0; lanes]),
                    crash_uniform: vec![0.0; lanes],
                    jump_normal: vec![0.0; lanes],
                },
                growth: models.iter().map(|_| column()).collect(),
            },
            Kind::Rolling { .. } => YearReturnsOfBatch::History {
                first,
                cursors: Vec::new(),
                growth: column(),
                inflation: vec![1.0; lanes],
            },
            Kind::Bootstrap {
                growth,
                block_years,
                ..
            } => YearReturnsOfBatch::History {
                first,
                cursors: (first..first + lanes)
                    .map(|path| {
                        BlockCursor::new(source.seed, path as u64, growth.len(), *block_years)
                    })
                    .collect(),
                growth: column(),
                inflation: vec![1.0; lanes],
            },
        }
    }

    /// The growth factors of every model for one year, in cache order.
    fn year_cells(&self) -> usize {
        match self {
            YearReturnsOfBatch::MonteCarlo { growth, .. } => {
                growth.len() * ASSETS * growth.first().map_or(0, |g| g[Asset::Stocks].len())
            }
            YearReturnsOfBatch::History { .. } => 0,
        }
    }

    /// Keeps year `t`'s factors in `kept`.
    fn store(&self, kept: &mut [f64], t: usize) {
        if let YearReturnsOfBatch::MonteCarlo { growth, .. } = self {
            let cells = self.year_cells();
            let mut chunks = kept[t * cells..(t + 1) * cells]
                .chunks_exact_mut(cells / (growth.len() * ASSETS).max(1));
            for column in growth.iter().flat_map(|g| g.as_array()) {
                if let Some(chunk) = chunks.next() {
                    chunk.copy_from_slice(column);
                }
            }
        }
    }

    /// Reads year `t`'s kept factors from `kept`.
    fn load(&mut self, kept: &[f64], t: usize) {
        let cells = self.year_cells();
        if let YearReturnsOfBatch::MonteCarlo { growth, .. } = self {
            let lanes = cells / (growth.len() * ASSETS).max(1);
            let mut chunks = kept[t * cells..(t + 1) * cells].chunks_exact(lanes.max(1));
            for column in growth.iter_mut().flat_map(|g| g.0.iter_mut()) {
                if let Some(chunk) = chunks.next() {
                    column.copy_from_slice(chunk);
                }
            }
        }
    }

    /// Makes year `t`'s growth factors.
    fn next_year(&mut self, source: &Source, t: usize) {
        match (self, &source.kind) {
            (
                YearReturnsOfBatch::MonteCarlo {
                    rngs,
                    private_rngs,
                    draws,
                    growth,
                },
                Kind::MonteCarlo {
                    models,
                    crypto_needed,
                    private_needed,
                },
            ) => {
                for (lane, rng) in rngs.iter_mut().enumerate() {
                    let d = YearDraws::sample(rng);
                    for (k, z) in d.z.iter().enumerate() {
                        draws.z[k][lane] = *z;
                    }
                    draws.crash_uniform[lane] = d.crash_uniform;
                    draws.jump_normal[lane] = d.jump_normal;
                }
                let private_z = &mut draws.z[Asset::Private.index()];
                for (z, rng) in private_z.iter_mut().zip(private_rngs.iter_mut()) {
                    *z = private_normal(rng);
                }
                let needs = crypto_needed.iter().zip(private_needed);
                for ((model, (crypto, private)), growth) in models.iter().zip(needs).zip(growth) {
                    for (asset, out) in growth.iter_mut() {
                        // Without a sleeve an asset's draws are never used.
                        let needed = match asset {
                            Asset::Crypto => *crypto,
                            Asset::Private => *private,
                            _ => true,
                        };
                        if !needed {
                            continue;
                        }
                        model.growth_of_asset(
                            asset,
                            &draws.z,
                            &draws.crash_uniform,
                            &draws.jump_normal,
                            out,
                        );
                    }
                }
            }
            (
                YearReturnsOfBatch::History {
                    first,
                    growth,
                    inflation,
                    ..
                },
                Kind::Rolling {
                    growth: years,
                    inflation: prices,
                },
            ) => {
                let last = years.len() - 1;
                for lane in 0..growth[Asset::Stocks].len() {
                    // Lanes past a member's start years are never read.
                    let index = (*first + lane + t).min(last);
                    let g = years[index];
                    for (asset, column) in growth.iter_mut() {
                        column[lane] = g[asset];
                    }
                    inflation[lane] = prices[index];
                }
            }
            (
                YearReturnsOfBatch::History {
                    cursors,
                    growth,
                    inflation,
                    ..
                },
                Kind::Bootstrap {
                    growth: years,
                    inflation: prices,
                    ..
                },
            ) => {
                for (lane, cursor) in cursors.iter_mut().enumerate() {
                    let index = cursor.next_index();
                    let g = years[index];
                    for (asset, column) in growth.iter_mut() {
                        column[lane] = g[asset];
                    }
                    inflation[lane] = prices[index];
                }
            }
            // A batch is made for its source; the pairs above are all there are.
            _ => {}
        }
    }

    /// Each lane's `1 + inflation` of the year just made (a history's);
    /// `None` under Monte Carlo, whose inflation is the plan's constant.
    fn inflation(&self) -> Option<&[f64]> {
        match self {
            YearReturnsOfBatch::MonteCarlo { .. } => None,
            YearReturnsOfBatch::History { inflation, .. } => Some(inflation),
        }
    }

    /// The growth factors of the year just made under model `model`.
    fn growth(&self, model: usize) -> &PerAsset<Vec<f64>> {
        match self {
            YearReturnsOfBatch::MonteCarlo { growth, .. } => &growth[model],
            YearReturnsOfBatch::History { growth, .. } => growth,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::market::rng::private_rng;
    use crate::plan::private::PrivateView;

    /// The reported returns `grow_private` makes from a million true
    /// lognormal returns: their lag-1 autocorrelation is ρ and their
    /// volatility `(1 − ρ)/√(1 − ρ²)` of the true one's (AR(1)), within
    /// sampling error.
    #[test]
    fn smoothing_has_the_ar1_autocorrelation_and_volatility() {
        let view = PrivateView {
            mean: 0.06,
            volatility: 0.20,
            correlation_stocks: 0.0,
            correlation_bonds: 0.0,
            smoothing: 0.78,
            management: 0.0,
            carry: 0.0,
            hurdle: 0.0,
            max_sale: 1.0,
        };
        let schedule = PrivateSchedule { view, kept: 1.0 };
        let (mut usd, mut ratio, mut reported) = ([1.0], [1.0], [view.mean]);
        let (mut allowance, mut fees, mut overshoot) = ([0.0], [0.0], [0.0]);
        let mut p = PrivateLanes {
            schedule: &schedule,
            usd: &mut usd,
            ratio: &mut ratio,
            reported: &mut reported,
            allowance_usd: &mut allowance,
            fees_usd: &mut fees,
            overshoot: &mut overshoot,
        };
        let mut rng = private_rng(7, 0);
        let drift = (1.0 + view.mean).ln() - view.volatility * view.volatility / 2.0;
        let n = 1_000_000;
        let (mut truths, mut reports) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            let g = (drift + view.volatility * private_normal(&mut rng)).exp();
            p.usd[0] = 1.0;
            grow_private(&mut p, 0, g, 0.0, false);
            truths.push(g - 1.0);
            reports.push(p.reported[0]);
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let var = |v: &[f64]| {
            let m = mean(v);
            v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len() as f64
        };
        let m = mean(&reports);
        let lag1 = reports
            .windows(2)
            .map(|w| (w[0] - m) * (w[1] - m))
            .sum::<f64>()
            / (n - 1) as f64
            / var(&reports);
        let rho = view.smoothing;
        // The autocorrelation's standard error is about √((1 − ρ²)/n) ≈ 0.0006.
        assert!((lag1 - rho).abs() < 0.004, "lag-1 autocorrelation {lag1}");
        let ratio = (var(&reports) / var(&truths)).sqrt();
        let expected = view.reported_volatility_ratio();
        assert!(
            (ratio - expected).abs() < 0.01 * expected,
            "volatility ratio {ratio} against {expected}"
        );
        // The smoothed mean is the true one's.
        assert!((m - mean(&truths)).abs() < 0.002, "mean {m}");
    }
}
