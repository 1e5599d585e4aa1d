//! Scenarios: a plan's variants, each a patch on the base plan (MODEL-v2
//! §10). A patch mirrors the plan with every field optional: a struct field
//! merges field by field, anything else (a number, a string, a list, a
//! choice of rule, an optional part such as the sleeve) replaces the base's
//! value whole. So a variant follows the base for every field it does not
//! change: "Retire at 67" stays "the base, retiring at 67" as the base's
//! salary is edited.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Plan;
use super::assumptions::{Assumptions, CryptoCrash};
use super::contributions::MatchTier;
use super::glide_path::Knot;
use super::income::IncomeStream;
use super::lever::{Lever, path};
use super::private::PrivateSleeve;
use super::sleeve::Sleeve;
use super::social_security::{SocialSecurity, Spouse};
use super::taxes::{Conversions, FilingChoice, Order, Spending, StateTaxes, Taxable};
use super::withdrawal::Withdrawal;
use crate::units::percent_exact;

/// The most variants a plan may hold besides its base.
pub const MAX_VARIANTS: usize = 3;

/// One variant of a plan: a name and what it changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Its name, unique among the plan's scenarios (ignoring case).
    pub name: String,
    /// What it changes from the base.
    #[serde(default)]
    pub changes: PlanPatch,
}

/// A field read as present when written, whatever its own type (RON would
/// otherwise want `Some(…)` around every value of an optional field).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A present field written as its value.
fn inner<S: Serializer, T: Serialize>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => v.serialize(s),
        None => s.serialize_unit(),
    }
}

/// A patch struct: every field optional, read when present, written only
/// when present.
macro_rules! patch {
    ($(#[$meta:meta])* $name:ident { $($(#[$field_meta:meta])* $field:ident: $ty:ty),* $(,)? }) => {
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(
                    deserialize_with = "present",
                    serialize_with = "inner",
                    skip_serializing_if = "Option::is_none"
                )]
                pub $field: Option<$ty>,
            )*
        }
    };
}

patch!(
    /// What a variant changes in `saver`.
    #[serde(rename = "Saver")]
    SaverPatch {
        /// Age today.
        age: u32,
        /// Retirement age.
        retirement_age: u32,
        /// Plan to age.
        plan_to_age: u32,
        /// Balance today.
        balance: f64,
        /// Salary.
        salary: f64,
        /// Real salary growth.
        salary_growth: f64,
        /// Roth money today.
        roth_balance: f64,
        /// The taxable account (`None` removes it; `Some((…))` replaces it whole).
        taxable: Option<Taxable>,
        /// Sex, for the life table (`None` clears it).
        sex: Option<crate::life::Sex>,
    }
);

patch!(
    /// What a variant changes in `contributions`.
    #[serde(rename = "Contributions")]
    ContributionsPatch {
        /// The saver's deferral rate.
        employee_rate: f64,
        /// Auto-escalation.
        escalation: f64,
        /// Where escalation stops.
        escalation_cap: f64,
        /// The match tiers (a list: replaced whole).
        employer_match: Vec<MatchTier>,
        /// Non-elective employer money.
        employer_fixed: f64,
        /// Whether the IRS limits apply.
        irs_limits: bool,
        /// The IRS limits' year.
        irs_limits_year: u32,
        /// The Roth share of the deferrals.
        roth_share: f64,
        /// Whether the employer's money goes Roth.
        employer_roth: bool,
        /// Saved into the taxable account a year.
        taxable_savings: f64,
    }
);

patch!(
    /// What a variant changes in a glide path.
    #[serde(rename = "GlidePath")]
    GlidePathPatch {
        /// Its name.
        name: String,
        /// Its knots (a list: replaced whole).
        knots: Vec<Knot>,
    }
);

patch!(
    /// What a variant changes in `allocation`.
    #[serde(rename = "Allocation")]
    AllocationPatch {
        /// The glide path (merged field by field).
        glide_path: GlidePathPatch,
        /// The sleeve (`None` removes it; `Some((…))` replaces it whole).
        sleeve: Option<Sleeve>,
        /// The private sleeve (`None` removes it; `Some((…))` replaces it whole).
        private: Option<PrivateSleeve>,
    }
);

patch!(
    /// What a variant changes in `retirement`.
    #[serde(rename = "Retirement")]
    RetirementPatch {
        /// The withdrawal rule (replaced whole).
        withdrawal: Withdrawal,
        /// Social Security (`None` removes it; `Some((…))` replaces it whole).
        social_security: Option<SocialSecurity>,
        /// The spouse (`None` removes them; `Some((…))` replaces them whole).
        spouse: Option<Spouse>,
        /// Incomes and expenses (the list replaced whole).
        income: Vec<IncomeStream>,
    }
);

patch!(
    /// What a variant changes in `fees`.
    #[serde(rename = "Fees")]
    FeesPatch {
        /// Stock funds.
        stocks: f64,
        /// Bond funds.
        bonds: f64,
        /// Cash fund.
        cash: f64,
        /// Crypto fund.
        crypto: f64,
        /// The plan's fee.
        plan: f64,
    }
);

patch!(
    /// What a variant changes in one asset's assumption.
    #[serde(rename = "AssetAssumption")]
    AssetPatch {
        /// Expected return.
        mean: f64,
        /// Volatility.
        volatility: f64,
    }
);

patch!(
    /// What a variant changes in `assumptions`.
    #[serde(rename = "Assumptions")]
    AssumptionsPatch {
        /// Stocks.
        stocks: AssetPatch,
        /// Bonds.
        bonds: AssetPatch,
        /// Cash.
        cash: AssetPatch,
        /// Crypto.
        crypto: AssetPatch,
        /// The correlations (a list: replaced whole).
        correlations: Vec<Vec<f64>>,
        /// Crashes (`None` turns them off; `Some((…))` gives all three).
        crypto_crash: Option<CryptoCrash>,
        /// Inflation.
        inflation: f64,
    }
);

/// What a variant changes in `taxes` (a plan with taxes; not its law).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Taxes")]
pub struct TaxesPatch {
    /// How the household files.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub filing: Option<FilingChoice>,
    /// The calendar year of the first year.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_year: Option<u32>,
    /// After or before tax.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub spending: Option<Spending>,
    /// The order the accounts pay in (replaced whole).
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub order: Option<Order>,
    /// Roth conversions (`None` stops them; `Some((…))` replaces them whole).
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub conversions: Option<Option<Conversions>>,
    /// The state's tax (replaced whole).
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<StateTaxes>,
    /// The taxable account's drag.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub taxable_drag: Option<f64>,
    #[serde(deserialize_with = "no_law", skip_serializing)]
    law: Option<Refused>,
}

/// A field a variant may not change, read only to say why.
#[derive(Clone, Debug, Default, PartialEq)]
struct Refused;

macro_rules! refuse {
    ($fn_name:ident, $message:literal) => {
        fn $fn_name<'de, D: Deserializer<'de>>(_: D) -> Result<Option<Refused>, D::Error> {
            Err(serde::de::Error::custom($message))
        }
    };
}

refuse!(
    no_version,
    "a variant cannot change the plan's format `version`"
);
refuse!(
    no_name,
    "a variant has its own name beside `changes`, not inside it"
);
refuse!(no_notes, "a variant cannot change the plan's `notes`");
refuse!(no_variants, "a variant cannot hold variants");
refuse!(
    no_simulation,
    "a variant cannot change `simulation`: every scenario runs on the same paths, seed and returns, so they differ only by the decision"
);
refuse!(no_report, "a variant cannot change the plan's `report`");
refuse!(
    no_law,
    "a variant cannot change `taxes.law`: every scenario is taxed by the same law"
);

/// What a variant changes: a mirror of the plan, every field optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename = "Plan")]
pub struct PlanPatch {
    /// Changes to `saver`.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub saver: Option<SaverPatch>,
    /// Changes to `contributions`.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub contributions: Option<ContributionsPatch>,
    /// Changes to `allocation`.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub allocation: Option<AllocationPatch>,
    /// Changes to `retirement`.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub retirement: Option<RetirementPatch>,
    /// Changes to `fees`.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub fees: Option<FeesPatch>,
    /// Changes to `assumptions`.
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub assumptions: Option<AssumptionsPatch>,
    /// Changes to `taxes` (of a plan that has them).
    #[serde(
        deserialize_with = "present",
        serialize_with = "inner",
        skip_serializing_if = "Option::is_none"
    )]
    pub taxes: Option<TaxesPatch>,
    #[serde(deserialize_with = "no_version", skip_serializing)]
    version: Option<Refused>,
    #[serde(deserialize_with = "no_name", skip_serializing)]
    name: Option<Refused>,
    #[serde(deserialize_with = "no_notes", skip_serializing)]
    notes: Option<Refused>,
    #[serde(deserialize_with = "no_variants", skip_serializing)]
    variants: Option<Refused>,
    #[serde(deserialize_with = "no_simulation", skip_serializing)]
    simulation: Option<Refused>,
    #[serde(deserialize_with = "no_report", skip_serializing)]
    report: Option<Refused>,
}

/// `base` with `patch`'s value where it has one.
fn set<T: Clone>(base: &mut T, patch: &Option<T>) {
    if let Some(value) = patch {
        *base = value.clone();
    }
}

/// `Some(edited)` where it differs from `base`.
fn differs<T: Clone + PartialEq>(base: &T, edited: &T) -> Option<T> {
    (base != edited).then(|| edited.clone())
}

/// `Some(patch)` unless it changes nothing.
fn unless_empty<T: Default + PartialEq>(patch: T) -> Option<T> {
    (patch != T::default()).then_some(patch)
}

impl PlanPatch {
    /// The base with these changes: the variant's whole plan, named `name`
    /// and holding no variants of its own.
    pub fn apply(&self, base: &Plan, name: &str) -> Plan {
        let mut plan = base.clone();
        plan.name = name.to_owned();
        plan.variants.clear();
        if let Some(p) = &self.saver {
            let s = &mut plan.saver;
            set(&mut s.age, &p.age);
            set(&mut s.retirement_age, &p.retirement_age);
            set(&mut s.plan_to_age, &p.plan_to_age);
            set(&mut s.balance, &p.balance);
            set(&mut s.salary, &p.salary);
            set(&mut s.salary_growth, &p.salary_growth);
            set(&mut s.roth_balance, &p.roth_balance);
            set(&mut s.taxable, &p.taxable);
            set(&mut s.sex, &p.sex);
        }
        if let Some(p) = &self.contributions {
            let c = &mut plan.contributions;
            set(&mut c.employee_rate, &p.employee_rate);
            set(&mut c.escalation, &p.escalation);
            set(&mut c.escalation_cap, &p.escalation_cap);
            set(&mut c.employer_match, &p.employer_match);
            set(&mut c.employer_fixed, &p.employer_fixed);
            set(&mut c.irs_limits, &p.irs_limits);
            set(&mut c.irs_limits_year, &p.irs_limits_year);
            set(&mut c.roth_share, &p.roth_share);
            set(&mut c.employer_roth, &p.employer_roth);
            set(&mut c.taxable_savings, &p.taxable_savings);
        }
        if let Some(p) = &self.allocation {
            let a = &mut plan.allocation;
            if let Some(g) = &p.glide_path {
                set(&mut a.glide_path.name, &g.name);
                set(&mut a.glide_path.knots, &g.knots);
            }
            set(&mut a.sleeve, &p.sleeve);
            set(&mut a.private, &p.private);
        }
        if let Some(p) = &self.retirement {
            let r = &mut plan.retirement;
            set(&mut r.withdrawal, &p.withdrawal);
            set(&mut r.social_security, &p.social_security);
            set(&mut r.spouse, &p.spouse);
            set(&mut r.income, &p.income);
        }
        if let Some(p) = &self.fees {
            let f = &mut plan.fees;
            set(&mut f.stocks, &p.stocks);
            set(&mut f.bonds, &p.bonds);
            set(&mut f.cash, &p.cash);
            set(&mut f.crypto, &p.crypto);
            set(&mut f.plan, &p.plan);
        }
        if let Some(p) = &self.assumptions {
            apply_assumptions(&mut plan.assumptions, p);
        }
        if let (Some(p), Some(t)) = (&self.taxes, plan.taxes.as_mut()) {
            set(&mut t.filing, &p.filing);
            set(&mut t.first_year, &p.first_year);
            set(&mut t.spending, &p.spending);
            set(&mut t.order, &p.order);
            set(&mut t.conversions, &p.conversions);
            set(&mut t.state, &p.state);
            set(&mut t.taxable_drag, &p.taxable_drag);
        }
        plan
    }

    /// The smallest patch that turns `base` into `edited`, at the merge's
    /// granularity: a field set back to the base's value is not in it.
    pub fn between(base: &Plan, edited: &Plan) -> PlanPatch {
        let (b, e) = (&base.saver, &edited.saver);
        let saver = unless_empty(SaverPatch {
            age: differs(&b.age, &e.age),
            retirement_age: differs(&b.retirement_age, &e.retirement_age),
            plan_to_age: differs(&b.plan_to_age, &e.plan_to_age),
            balance: differs(&b.balance, &e.balance),
            salary: differs(&b.salary, &e.salary),
            salary_growth: differs(&b.salary_growth, &e.salary_growth),
            roth_balance: differs(&b.roth_balance, &e.roth_balance),
            taxable: differs(&b.taxable, &e.taxable),
            sex: differs(&b.sex, &e.sex),
        });
        let (b, e) = (&base.contributions, &edited.contributions);
        let contributions = unless_empty(ContributionsPatch {
            employee_rate: differs(&b.employee_rate, &e.employee_rate),
            escalation: differs(&b.escalation, &e.escalation),
            escalation_cap: differs(&b.escalation_cap, &e.escalation_cap),
            employer_match: differs(&b.employer_match, &e.employer_match),
            employer_fixed: differs(&b.employer_fixed, &e.employer_fixed),
            irs_limits: differs(&b.irs_limits, &e.irs_limits),
            irs_limits_year: differs(&b.irs_limits_year, &e.irs_limits_year),
            roth_share: differs(&b.roth_share, &e.roth_share),
            employer_roth: differs(&b.employer_roth, &e.employer_roth),
            taxable_savings: differs(&b.taxable_savings, &e.taxable_savings),
        });
        let (b, e) = (&base.allocation, &edited.allocation);
        let allocation = unless_empty(AllocationPatch {
            glide_path: unless_empty(GlidePathPatch {
                name: differs(&b.glide_path.name, &e.glide_path.name),
                knots: differs(&b.glide_path.knots, &e.glide_path.knots),
            }),
            sleeve: differs(&b.sleeve, &e.sleeve),
            private: differs(&b.private, &e.private),
        });
        let (b, e) = (&base.retirement, &edited.retirement);
        let retirement = unless_empty(RetirementPatch {
            withdrawal: differs(&b.withdrawal, &e.withdrawal),
            social_security: differs(&b.social_security, &e.social_security),
            spouse: differs(&b.spouse, &e.spouse),
            income: differs(&b.income, &e.income),
        });
        let (b, e) = (&base.fees, &edited.fees);
        let fees = unless_empty(FeesPatch {
            stocks: differs(&b.stocks, &e.stocks),
            bonds: differs(&b.bonds, &e.bonds),
            cash: differs(&b.cash, &e.cash),
            crypto: differs(&b.crypto, &e.crypto),
            plan: differs(&b.plan, &e.plan),
        });
        let (b, e) = (&base.assumptions, &edited.assumptions);
        let asset = |b: &super::assumptions::AssetAssumption,
                     e: &super::assumptions::AssetAssumption| {
            unless_empty(AssetPatch {
                mean: differs(&b.mean, &e.mean),
                volatility: differs(&b.volatility, &e.volatility),
            })
        };
        let assumptions = unless_empty(AssumptionsPatch {
            stocks: asset(&b.stocks, &e.stocks),
            bonds: asset(&b.bonds, &e.bonds),
            cash: asset(&b.cash, &e.cash),
            crypto: asset(&b.crypto, &e.crypto),
            correlations: differs(&b.correlations, &e.correlations),
            crypto_crash: differs(&b.crypto_crash, &e.crypto_crash),
            inflation: differs(&b.inflation, &e.inflation),
        });
        let taxes = match (&base.taxes, &edited.taxes) {
            (Some(b), Some(e)) => unless_empty(TaxesPatch {
                filing: differs(&b.filing, &e.filing),
                first_year: differs(&b.first_year, &e.first_year),
                spending: differs(&b.spending, &e.spending),
                order: differs(&b.order, &e.order),
                conversions: differs(&b.conversions, &e.conversions),
                state: differs(&b.state, &e.state),
                taxable_drag: differs(&b.taxable_drag, &e.taxable_drag),
                law: None,
            }),
            _ => None,
        };
        PlanPatch {
            saver,
            contributions,
            allocation,
            retirement,
            fees,
            assumptions,
            taxes,
            ..PlanPatch::default()
        }
    }

    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == PlanPatch::default()
    }

    /// The field paths it changes, in the order of the plan file
    /// (`saver.retirement_age`, `allocation.sleeve`, …).
    pub fn changed_fields(&self) -> Vec<String> {
        let mut fields = Vec::new();
        let mut add = |present: bool, path: &str| {
            if present {
                fields.push(path.to_owned());
            }
        };
        if let Some(p) = &self.saver {
            add(p.age.is_some(), Lever::Age.path());
            add(p.retirement_age.is_some(), Lever::RetirementAge.path());
            add(p.plan_to_age.is_some(), Lever::PlanToAge.path());
            add(p.balance.is_some(), Lever::Balance.path());
            add(p.salary.is_some(), Lever::Salary.path());
            add(p.salary_growth.is_some(), Lever::SalaryGrowth.path());
            add(p.roth_balance.is_some(), Lever::RothBalance.path());
            add(p.taxable.is_some(), path::TAXABLE);
            add(p.sex.is_some(), path::SEX);
        }
        if let Some(p) = &self.contributions {
            add(p.employee_rate.is_some(), Lever::EmployeeRate.path());
            add(p.escalation.is_some(), Lever::Escalation.path());
            add(p.escalation_cap.is_some(), Lever::EscalationCap.path());
            add(p.employer_match.is_some(), path::EMPLOYER_MATCH);
            add(p.employer_fixed.is_some(), Lever::EmployerFixed.path());
            add(p.irs_limits.is_some(), path::IRS_LIMITS);
            add(p.irs_limits_year.is_some(), path::IRS_LIMITS_YEAR);
            add(p.roth_share.is_some(), Lever::RothShare.path());
            add(p.employer_roth.is_some(), path::EMPLOYER_ROTH);
            add(p.taxable_savings.is_some(), Lever::TaxableSavings.path());
        }
        if let Some(p) = &self.allocation {
            if let Some(g) = &p.glide_path {
                add(g.name.is_some(), path::GLIDE_PATH_NAME);
                add(g.knots.is_some(), path::KNOTS);
            }
            add(p.sleeve.is_some(), path::SLEEVE);
            add(p.private.is_some(), path::PRIVATE);
        }
        if let Some(p) = &self.retirement {
            add(p.withdrawal.is_some(), path::WITHDRAWAL);
            add(p.social_security.is_some(), path::SOCIAL_SECURITY);
            add(p.spouse.is_some(), path::SPOUSE);
            add(p.income.is_some(), path::INCOME);
        }
        if let Some(p) = &self.fees {
            add(p.stocks.is_some(), Lever::StocksFee.path());
            add(p.bonds.is_some(), Lever::BondsFee.path());
            add(p.cash.is_some(), Lever::CashFee.path());
            add(p.crypto.is_some(), Lever::CryptoFee.path());
            add(p.plan.is_some(), Lever::PlanFee.path());
        }
        if let Some(p) = &self.assumptions {
            for (asset, levers) in [
                (&p.stocks, [Lever::StocksMean, Lever::StocksVolatility]),
                (&p.bonds, [Lever::BondsMean, Lever::BondsVolatility]),
                (&p.cash, [Lever::CashMean, Lever::CashVolatility]),
                (&p.crypto, [Lever::CryptoMean, Lever::CryptoVolatility]),
            ] {
                if let Some(a) = asset {
                    add(a.mean.is_some(), levers[0].path());
                    add(a.volatility.is_some(), levers[1].path());
                }
            }
            add(p.correlations.is_some(), path::CORRELATIONS);
            add(p.crypto_crash.is_some(), path::CRYPTO_CRASH);
            add(p.inflation.is_some(), Lever::Inflation.path());
        }
        if let Some(p) = &self.taxes {
            add(p.filing.is_some(), path::FILING);
            add(p.first_year.is_some(), Lever::FirstTaxYear.path());
            add(p.spending.is_some(), path::SPENDING);
            add(p.order.is_some(), path::ORDER);
            add(p.conversions.is_some(), path::CONVERSIONS);
            add(p.state.is_some(), path::STATE);
            add(p.taxable_drag.is_some(), Lever::TaxableDrag.path());
        }
        fields
    }
}

fn apply_assumptions(a: &mut Assumptions, p: &AssumptionsPatch) {
    for (asset, patch) in [
        (&mut a.stocks, &p.stocks),
        (&mut a.bonds, &p.bonds),
        (&mut a.cash, &p.cash),
        (&mut a.crypto, &p.crypto),
    ] {
        if let Some(patch) = patch {
            set(&mut asset.mean, &patch.mean);
            set(&mut asset.volatility, &patch.volatility);
        }
    }
    set(&mut a.correlations, &p.correlations);
    set(&mut a.crypto_crash, &p.crypto_crash);
    set(&mut a.inflation, &p.inflation);
}

impl Plan {
    /// How many scenarios the plan has: the base and its variants.
    pub fn scenario_count(&self) -> usize {
        1 + self.variants.len()
    }

    /// Scenario `index` as a whole plan (0 is the base; a variant is named
    /// as the variant and holds no variants). `None` past the last.
    pub fn scenario(&self, index: usize) -> Option<Plan> {
        match index {
            0 => Some(self.clone()),
            i => self
                .variants
                .get(i - 1)
                .map(|v| v.changes.apply(self, &v.name)),
        }
    }

    /// Makes scenario `index` what `edited` says: the base itself, or a
    /// variant's name and patch against the base (so a field set back to the
    /// base's value leaves the patch). What all scenarios share (the
    /// simulation, the notes) goes to the base.
    pub fn set_scenario(&mut self, index: usize, edited: Plan) {
        if index == 0 {
            let variants = std::mem::take(&mut self.variants);
            *self = edited;
            self.variants = variants;
            return;
        }
        self.simulation = edited.simulation.clone();
        let changes = PlanPatch::between(self, &edited);
        if let Some(variant) = self.variants.get_mut(index - 1) {
            variant.name = edited.name;
            variant.changes = changes;
        }
    }

    /// Adds a variant that copies scenario `from`, named `name`; its index.
    /// `None` when the plan already has [`MAX_VARIANTS`] variants.
    pub fn add_variant(&mut self, from: usize, name: String) -> Option<usize> {
        if self.variants.len() >= MAX_VARIANTS {
            return None;
        }
        let copy = self.scenario(from)?;
        self.variants.push(Variant {
            name,
            changes: PlanPatch::between(self, &copy),
        });
        Some(self.variants.len())
    }

    /// Removes variant `index` (1 is the first variant; the base stays).
    pub fn remove_variant(&mut self, index: usize) {
        if (1..self.scenario_count()).contains(&index) {
            self.variants.remove(index - 1);
        }
    }

    /// Makes variant `index` the base: the old base becomes a variant (under
    /// its name) and every other variant's patch is rewritten against the
    /// new base, so every scenario's whole plan stays as it was.
    pub fn make_base(&mut self, index: usize) {
        let Some(new_base) = self.scenario(index).filter(|_| index > 0) else {
            return;
        };
        let wholes: Vec<(String, Plan)> = (0..self.scenario_count())
            .filter(|&i| i != index)
            .filter_map(|i| {
                let whole = self.scenario(i)?;
                Some((whole.name.clone(), whole))
            })
            .collect();
        let mut base = new_base;
        base.notes = self.notes.clone();
        base.variants = wholes
            .into_iter()
            .map(|(name, whole)| Variant {
                changes: PlanPatch::between(&base, &whole),
                name,
            })
            .collect();
        *self = base;
    }
}

/// What a variant changes, in words a saver reads ("Retires at 67 instead
/// of 65"), one line per changed field.
pub fn describe_changes(base: &Plan, variant: &Plan) -> Vec<String> {
    let patch = PlanPatch::between(base, variant);
    let mut lines = Vec::new();
    let (b, v) = (&base.saver, &variant.saver);
    if b.retirement_age != v.retirement_age {
        lines.push(format!(
            "Retires at {} instead of {}",
            v.retirement_age, b.retirement_age
        ));
    }
    if b.age != v.age {
        lines.push(format!("Starts at age {} instead of {}", v.age, b.age));
    }
    if b.plan_to_age != v.plan_to_age {
        lines.push(format!(
            "Plans to age {} instead of {}",
            v.plan_to_age, b.plan_to_age
        ));
    }
    let (bs, vs) = (&base.allocation.sleeve, &variant.allocation.sleeve);
    if bs != vs {
        let describe = |s: &Option<Sleeve>| match s {
            None => "no crypto sleeve".to_owned(),
            Some(s) if s.weight == s.weight_at_retirement => {
                format!("a {} crypto sleeve", percent_exact(s.weight))
            }
            Some(s) => format!(
                "a crypto sleeve of {} tapering to {}",
                percent_exact(s.weight),
                percent_exact(s.weight_at_retirement)
            ),
        };
        let mut line = describe(vs);
        line[..1].make_ascii_uppercase();
        lines.push(format!("{line} instead of {}", describe(bs)));
    }
    let (bp, vp) = (&base.allocation.private, &variant.allocation.private);
    if bp != vp {
        let describe = |s: &Option<PrivateSleeve>| match s {
            None => "no private sleeve".to_owned(),
            Some(s) if s.weight == s.weight_at_retirement => format!(
                "a {} {} sleeve",
                percent_exact(s.weight),
                s.kind.label().to_lowercase()
            ),
            Some(s) => format!(
                "a {} sleeve of {} tapering to {}",
                s.kind.label().to_lowercase(),
                percent_exact(s.weight),
                percent_exact(s.weight_at_retirement)
            ),
        };
        let mut line = describe(vp);
        line[..1].make_ascii_uppercase();
        lines.push(format!("{line} instead of {}", describe(bp)));
    }
    if base.retirement.withdrawal != variant.retirement.withdrawal {
        lines.push(format!(
            "{} instead of {}",
            capitalised(&withdrawal_text(&variant.retirement.withdrawal)),
            withdrawal_text(&base.retirement.withdrawal)
        ));
    }
    // Every other field by its lever's label and value.
    let described = [
        Lever::RetirementAge,
        Lever::Age,
        Lever::PlanToAge,
        Lever::SleeveWeight,
        Lever::SleeveWeightAtRetirement,
        Lever::SleeveSize,
        Lever::PrivateWeight,
        Lever::PrivateWeightAtRetirement,
        Lever::SpendingAmount,
        Lever::WithdrawalRate,
    ];
    for lever in Lever::ALL {
        // A private sleeve added or removed is said whole above.
        let private_whole = lever.path().starts_with(path::PRIVATE) && bp.is_none() != vp.is_none();
        if described.contains(&lever) || private_whole {
            continue;
        }
        let (Some(before), Some(after)) = (lever.get(base), lever.get(variant)) else {
            continue;
        };
        if before != after {
            lines.push(format!(
                "{}: {} instead of {}",
                lever.label(),
                lever.show(after),
                lever.show(before)
            ));
        }
    }
    // Fields no lever names (a match formula, a glide path, on/off choices).
    for field in patch.changed_fields() {
        // A lever inside the field that already said what changed.
        let by_lever = Lever::ALL.iter().any(|l| {
            l.path() == field
                || (l.path().starts_with(field.as_str())
                    && l.get(base).is_some()
                    && l.get(variant).is_some()
                    && l.get(base) != l.get(variant))
        });
        let told = matches!(field.as_str(), path::SLEEVE | path::WITHDRAWAL);
        if !by_lever && !told {
            lines.push(format!("Changes {}", field_words(&field)));
        }
    }
    lines
}

/// `text` with its first letter in capitals.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The withdrawal rule in words: "spends $60,000 a year", "the 4% rule".
pub fn withdrawal_text(w: &Withdrawal) -> String {
    match w {
        Withdrawal::FixedReal(amount) => {
            format!("spends {} a year", Lever::SpendingAmount.show(*amount))
        }
        Withdrawal::InitialRate(rate) => format!("the {} rule", percent_exact(*rate)),
        Withdrawal::Guardrails(g) => format!(
            "guardrails from {} (rails {} and {}, moves of {})",
            percent_exact(g.initial_rate),
            percent_exact(g.upper),
            percent_exact(g.lower),
            percent_exact(g.adjustment)
        ),
        Withdrawal::Vpw(v) => format!("VPW at a {} return", percent_exact(v.real_return)),
        Withdrawal::FloorCeiling(f) => format!(
            "{} of the balance within a {} ceiling and a {} floor",
            percent_exact(f.rate),
            percent_exact(f.ceiling),
            percent_exact(f.floor)
        ),
        Withdrawal::PercentOfBalance(rate) => {
            format!("{} of the balance each year", percent_exact(*rate))
        }
    }
}

/// A field path in words: "the employer match" for `contributions.employer_match`.
fn field_words(field: &str) -> &str {
    match field {
        path::EMPLOYER_MATCH => "the employer match",
        path::IRS_LIMITS => "whether the IRS limits apply",
        path::IRS_LIMITS_YEAR => "the IRS limits' year",
        path::GLIDE_PATH_NAME | path::KNOTS => "the glide path",
        path::SOCIAL_SECURITY => "Social Security",
        path::SPOUSE => "the spouse",
        path::INCOME => "the incomes and expenses",
        path::CORRELATIONS => "the correlations",
        path::CRYPTO_CRASH => "crypto crashes",
        path::TAXABLE => "the taxable account",
        path::SEX => "the saver's sex",
        path::EMPLOYER_ROTH => "whether the employer's money is Roth",
        path::FILING => "the filing status",
        path::SPENDING => "whether spending is after tax",
        path::ORDER => "the order accounts pay in",
        path::CONVERSIONS => "the Roth conversions",
        path::STATE => "the state tax",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::sleeve::Rebalance;

    fn parse(text: &str) -> Result<PlanPatch, ron::error::SpannedError> {
        ron::from_str(text)
    }

    #[test]
    fn structs_merge_field_by_field_and_the_rest_is_replaced_whole() {
        let base = Plan::sample();
        let patch = parse("(saver: (retirement_age: 67), contributions: (employer_match: [(rate: 0.5, up_to: 0.06)]))").unwrap();
        let plan = patch.apply(&base, "Retire at 67");
        assert_eq!(plan.saver.retirement_age, 67);
        assert_eq!(
            plan.saver.age, base.saver.age,
            "the rest of saver follows the base"
        );
        assert_eq!(
            plan.contributions.employer_match.len(),
            1,
            "a list is replaced whole"
        );
        assert_eq!(plan.name, "Retire at 67");
    }

    #[test]
    fn an_optional_part_is_replaced_whole_with_its_defaults_or_removed() {
        let mut base = Plan::sample();
        base.allocation.sleeve = Some(Sleeve {
            weight: 0.03,
            weight_at_retirement: 0.01,
            rebalance: Rebalance::Never,
        });
        let replaced = parse("(allocation: (sleeve: Some((weight: 0.05))))").unwrap();
        let sleeve = replaced.apply(&base, "x").allocation.sleeve.unwrap();
        assert_eq!(
            sleeve,
            Sleeve::constant(0.05),
            "v1's defaults inside, nothing from the base"
        );
        let removed = parse("(allocation: (sleeve: None))").unwrap();
        assert_eq!(removed.apply(&base, "x").allocation.sleeve, None);
        let absent = parse("(allocation: ())").unwrap();
        assert_eq!(
            absent.apply(&base, "x").allocation.sleeve,
            base.allocation.sleeve
        );
    }

    #[test]
    fn forbidden_and_unknown_fields_are_refused_with_a_reason() {
        let e = parse("(simulation: (paths: 5))").unwrap_err().to_string();
        assert!(e.contains("same paths, seed and returns"), "{e}");
        assert!(
            parse("(name: \"x\")")
                .unwrap_err()
                .to_string()
                .contains("its own name")
        );
        assert!(parse("(saver: (retirment_age: 67))").is_err());
    }

    #[test]
    fn between_is_the_smallest_patch_and_round_trips() {
        let base = Plan::sample();
        let mut edited = base.clone();
        edited.saver.retirement_age = 67;
        edited.allocation.sleeve = Some(Sleeve::constant(0.05));
        edited.assumptions.crypto.mean = 0.2;
        let patch = PlanPatch::between(&base, &edited);
        assert_eq!(
            patch.changed_fields(),
            [
                "saver.retirement_age",
                "allocation.sleeve",
                "assumptions.crypto.mean"
            ]
        );
        let mut named = edited.clone();
        named.name = "v".into();
        assert_eq!(patch.apply(&base, "v"), named);
        // Setting a field back to the base's value drops it.
        edited.saver.retirement_age = base.saver.retirement_age;
        assert_eq!(
            PlanPatch::between(&base, &edited).changed_fields(),
            ["allocation.sleeve", "assumptions.crypto.mean"]
        );
        assert!(PlanPatch::between(&base, &base).is_empty());
        // Written and read again, it is the same patch.
        let text = ron::to_string(&patch).unwrap();
        assert_eq!(parse(&text).unwrap(), patch, "{text}");
    }

    #[test]
    fn the_app_model_carries_base_edits_and_keeps_every_scenario_on_make_base() {
        let mut plan = Plan::sample();
        plan.add_variant(0, "Retire at 67".into());
        let mut later = plan.scenario(1).unwrap();
        later.saver.retirement_age = 67;
        plan.set_scenario(1, later);
        assert_eq!(
            plan.variants[0].changes.changed_fields(),
            ["saver.retirement_age"]
        );
        // A base edit carries to the variant for the fields it does not change.
        let mut base = plan.scenario(0).unwrap();
        base.saver.salary = 90_000.0;
        plan.set_scenario(0, base);
        assert_eq!(plan.scenario(1).unwrap().saver.salary, 90_000.0);
        // Setting a field back to the base's value drops it from the patch.
        let mut back = plan.scenario(1).unwrap();
        back.saver.retirement_age = 65;
        plan.set_scenario(1, back);
        assert!(plan.variants[0].changes.is_empty());
        // Make-base keeps every scenario's whole plan.
        let mut sleeve = plan.scenario(1).unwrap();
        sleeve.allocation.sleeve = Some(Sleeve::constant(0.05));
        plan.set_scenario(1, sleeve);
        plan.add_variant(0, "Later".into());
        let mut later = plan.scenario(2).unwrap();
        later.saver.retirement_age = 68;
        plan.set_scenario(2, later);
        let before: Vec<Plan> = (0..3).map(|i| plan.scenario(i).unwrap()).collect();
        plan.make_base(1);
        let after: Vec<Plan> = (0..3).map(|i| plan.scenario(i).unwrap()).collect();
        let strip = |p: &Plan| {
            let mut p = p.clone();
            p.variants.clear();
            p
        };
        assert_eq!(
            strip(&after[0]).allocation.sleeve,
            before[1].allocation.sleeve
        );
        for whole in &before {
            assert!(
                after.iter().any(|a| {
                    let mut a = strip(a);
                    a.name = whole.name.clone();
                    a.notes = whole.notes.clone();
                    a == strip(whole)
                }),
                "{} kept",
                whole.name
            );
        }
    }
}
