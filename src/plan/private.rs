//! The private sleeve (MODEL-v3 §18): private equity, private credit, real
//! estate, infrastructure or commodities held beside the core and the
//! crypto sleeve, with a target weight that may taper to retirement. Its
//! view says what the assets earn (their true return), how the reported
//! value lags it (appraisal smoothing), what the fund charges (a
//! management fee and carry over a hurdle) and how much can be sold in a
//! year. A plan names a shipped kind and may override any field.

use serde::{Deserialize, Serialize};

use super::assumptions::AssetAssumption;

/// The private assets Glidepath ships a view of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrivateKind {
    /// Buyout and growth equity funds.
    #[default]
    PrivateEquity,
    /// Direct lending to middle-market companies.
    PrivateCredit,
    /// Core real estate, appraised.
    RealEstate,
    /// Core infrastructure, appraised.
    Infrastructure,
    /// Commodity futures: priced daily, not smoothed.
    Commodities,
}

impl PrivateKind {
    /// Every kind, in the order the app lists them.
    pub const ALL: [PrivateKind; 5] = [
        PrivateKind::PrivateEquity,
        PrivateKind::PrivateCredit,
        PrivateKind::RealEstate,
        PrivateKind::Infrastructure,
        PrivateKind::Commodities,
    ];

    /// Its identifier on the command line and in `assets/private_views.ron`.
    pub const fn id(self) -> &'static str {
        match self {
            PrivateKind::PrivateEquity => "private-equity",
            PrivateKind::PrivateCredit => "private-credit",
            PrivateKind::RealEstate => "real-estate",
            PrivateKind::Infrastructure => "infrastructure",
            PrivateKind::Commodities => "commodities",
        }
    }

    /// What people call it.
    pub const fn label(self) -> &'static str {
        match self {
            PrivateKind::PrivateEquity => "Private equity",
            PrivateKind::PrivateCredit => "Private credit",
            PrivateKind::RealEstate => "Real estate",
            PrivateKind::Infrastructure => "Infrastructure",
            PrivateKind::Commodities => "Commodities",
        }
    }

    /// The kind of that identifier.
    pub fn from_id(id: &str) -> Option<PrivateKind> {
        PrivateKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Everything the engine needs of a private asset, all real (after
/// inflation) but the fees, which are shares.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateView {
    /// Expected arithmetic real return of the assets, before fees.
    pub mean: f64,
    /// Volatility of the true (unsmoothed) log return.
    pub volatility: f64,
    /// Correlation of the true return with stocks.
    pub correlation_stocks: f64,
    /// Correlation of the true return with bonds.
    pub correlation_bonds: f64,
    /// Geltner's ρ: the share of last year's reported return in this
    /// year's (0: no smoothing).
    pub smoothing: f64,
    /// Management fee a year, a share of the reported value.
    pub management: f64,
    /// Performance fee: the share of the reported return above the hurdle.
    pub carry: f64,
    /// Real return above which carry is charged.
    pub hurdle: f64,
    /// The most of the holding that can be sold in a year (1: no limit).
    pub max_sale: f64,
}

impl PrivateView {
    /// The true return's assumption, as the market draws it.
    pub fn asset(&self) -> AssetAssumption {
        AssetAssumption {
            mean: self.mean,
            volatility: self.volatility,
        }
    }

    /// The holding's growth factor in a year whose reported return is
    /// `reported`: `(1 + r − carry·max(0, r − hurdle))·(1 − management)`.
    #[inline(always)]
    pub fn net_growth(&self, reported: f64) -> f64 {
        (1.0 + reported - self.carry * (reported - self.hurdle).max(0.0)) * (1.0 - self.management)
    }

    /// The fees of a year with reported return `reported`, a share of the
    /// holding at the start of the year: what [`PrivateView::net_growth`]
    /// keeps back.
    pub fn fee_share(&self, reported: f64) -> f64 {
        1.0 + reported - self.net_growth(reported)
    }

    /// What a true fall of `fall` (0.30: −30%) shows as in its first year
    /// of reported values: `(1 − ρ)·fall`.
    pub fn first_year_fall(&self, fall: f64) -> f64 {
        (1.0 - self.smoothing) * fall
    }

    /// The ratio of the reported return's volatility to the true one's
    /// under AR(1) smoothing: `(1 − ρ)/√(1 − ρ²)`.
    pub fn reported_volatility_ratio(&self) -> f64 {
        let rho = self.smoothing;
        (1.0 - rho) / (1.0 - rho * rho).sqrt()
    }
}

/// A plan's changes to its kind's shipped view: every field it leaves out
/// is the kind's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivateOverride {
    /// The view's mean, if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub mean: Option<f64>,
    /// The view's volatility, if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub volatility: Option<f64>,
    /// The correlation with stocks, if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub correlation_stocks: Option<f64>,
    /// The correlation with bonds, if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub correlation_bonds: Option<f64>,
    /// The smoothing, if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub smoothing: Option<f64>,
    /// The management fee, if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub management: Option<f64>,
    /// The carry, if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub carry: Option<f64>,
    /// The hurdle (real), if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub hurdle: Option<f64>,
    /// The yearly sale limit, if the plan's own.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::sleeve::present"
    )]
    pub max_sale: Option<f64>,
}

impl PrivateOverride {
    /// `base` with this override's fields in place of its own.
    pub fn apply(&self, base: PrivateView) -> PrivateView {
        PrivateView {
            mean: self.mean.unwrap_or(base.mean),
            volatility: self.volatility.unwrap_or(base.volatility),
            correlation_stocks: self.correlation_stocks.unwrap_or(base.correlation_stocks),
            correlation_bonds: self.correlation_bonds.unwrap_or(base.correlation_bonds),
            smoothing: self.smoothing.unwrap_or(base.smoothing),
            management: self.management.unwrap_or(base.management),
            carry: self.carry.unwrap_or(base.carry),
            hurdle: self.hurdle.unwrap_or(base.hurdle),
            max_sale: self.max_sale.unwrap_or(base.max_sale),
        }
    }
}

/// A private holding beside the core.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "PrivateInFile")]
pub struct PrivateSleeve {
    /// Target weight at the plan's starting age.
    pub weight: f64,
    /// Target weight from retirement on; the target moves linearly to it.
    pub weight_at_retirement: f64,
    /// Which shipped view it starts from.
    pub kind: PrivateKind,
    /// The plan's own figures in place of the view's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<PrivateOverride>,
}

/// The sleeve as a file may write it: `weight_at_retirement` defaults to `weight`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrivateInFile {
    #[serde(default)]
    weight: f64,
    #[serde(default, deserialize_with = "super::sleeve::present")]
    weight_at_retirement: Option<f64>,
    #[serde(default)]
    kind: PrivateKind,
    #[serde(default)]
    view: Option<PrivateOverride>,
}

impl From<PrivateInFile> for PrivateSleeve {
    fn from(f: PrivateInFile) -> Self {
        PrivateSleeve {
            weight: f.weight,
            weight_at_retirement: f.weight_at_retirement.unwrap_or(f.weight),
            kind: f.kind,
            view: f.view,
        }
    }
}

impl PrivateSleeve {
    /// A constant sleeve of `weight` of `kind`, the kind's view as shipped.
    pub fn constant(weight: f64, kind: PrivateKind) -> Self {
        PrivateSleeve {
            weight,
            weight_at_retirement: weight,
            kind,
            view: None,
        }
    }

    /// The target weight at `age_years` (as the crypto sleeve tapers).
    pub fn weight_at(
        &self,
        start_age_years: u32,
        retirement_age_years: u32,
        age_years: u32,
    ) -> f64 {
        super::sleeve::taper(
            self.weight,
            self.weight_at_retirement,
            start_age_years,
            retirement_age_years,
            age_years,
        )
    }

    /// The view the plan runs: the kind's shipped one (real at
    /// `inflation`) with the plan's overrides.
    pub fn resolved(&self, inflation: f64) -> PrivateView {
        let shipped = super::defaults::shipped()
            .private_view(self.kind)
            .real(inflation);
        self.view.unwrap_or_default().apply(shipped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_names_a_kind_and_overrides_some_fields() {
        let s: PrivateSleeve = ron::from_str(
            "(weight: 0.10, weight_at_retirement: 0.05, kind: RealEstate, view: Some((management: 0.02)))",
        )
        .unwrap();
        assert_eq!(s.kind, PrivateKind::RealEstate);
        assert!((s.weight_at(45, 65, 55) - 0.075).abs() < 1e-15);
        let v = s.resolved(0.025);
        let shipped = crate::plan::defaults::shipped()
            .private_view(PrivateKind::RealEstate)
            .real(0.025);
        assert_eq!(v.management, 0.02);
        assert_eq!(v.smoothing, shipped.smoothing);
        assert!(ron::from_str::<PrivateSleeve>("(weight: 0.1, typo: 1)").is_err());
        let constant: PrivateSleeve = ron::from_str("(weight: 0.1)").unwrap();
        assert_eq!(
            constant,
            PrivateSleeve::constant(0.1, PrivateKind::PrivateEquity)
        );
    }

    #[test]
    fn the_words_of_the_view_follow_its_formulas() {
        let v = PrivateView {
            mean: 0.06,
            volatility: 0.2,
            correlation_stocks: 0.5,
            correlation_bonds: 0.2,
            smoothing: 0.78,
            management: 0.01,
            carry: 0.2,
            hurdle: 0.05,
            max_sale: 0.05,
        };
        // A 30% fall shows as about 7% in its first year.
        assert!((v.first_year_fall(0.30) - 0.066).abs() < 1e-12);
        // Carry on the 1% above the hurdle, then the management fee.
        assert!((v.net_growth(0.06) - (1.06 - 0.2 * 0.01) * 0.99).abs() < 1e-15);
        assert_eq!(v.net_growth(0.0), 0.99);
        assert!((v.fee_share(0.06) - (1.06 - v.net_growth(0.06))).abs() < 1e-15);
        assert!(v.reported_volatility_ratio() < 0.4);
    }

    #[test]
    fn kinds_read_back_from_their_ids() {
        for kind in PrivateKind::ALL {
            assert_eq!(PrivateKind::from_id(kind.id()), Some(kind));
        }
        assert_eq!(PrivateKind::from_id("hedge-funds"), None);
    }
}
