//! The shipped defaults: glide path presets, crypto views, market
//! assumptions, fees and the IRS limits by year.
//!
//! They live as commented RON files in `assets/` (each figure beside its
//! source) and are embedded in the binary, so the app needs no files and no
//! network to start. The plan types' `Default`s live here too, so the
//! types themselves do not reach for the shipped assets.

use std::sync::OnceLock;

use serde::Deserialize;

use super::assumptions::{AssetAssumption, Assumptions, CryptoCrash};
use super::fees::Fees;
use super::glide_path::{GlidePath, Knot};
use super::private::{PrivateKind, PrivateView};

const GLIDE_PATHS_RON: &str = include_str!("../../assets/glide_paths.ron");
const CRYPTO_VIEWS_RON: &str = include_str!("../../assets/crypto_views.ron");
const ASSUMPTIONS_RON: &str = include_str!("../../assets/assumptions.ron");
const PUBLISHED_RANGES_RON: &str = include_str!("../../assets/published_ranges.ron");
const PRIVATE_VIEWS_RON: &str = include_str!("../../assets/private_views.ron");

/// A bitcoin allocation a firm has published: what others publish, shown
/// as context, never as advice.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedRange {
    /// The firm.
    pub name: String,
    /// The range's low end, a share of the portfolio.
    pub low: f64,
    /// Its high end.
    pub high: f64,
    /// What it says, in a few words.
    pub note: String,
    /// Where it was published.
    pub source: String,
    /// When.
    pub date: String,
}

impl Default for Assumptions {
    /// The shipped market assumptions, crypto under the default view.
    fn default() -> Self {
        shipped().assumptions.clone()
    }
}

impl Default for Fees {
    /// The shipped fees.
    fn default() -> Self {
        shipped().fees.clone()
    }
}

impl Default for GlidePath {
    /// The shipped default glide path.
    fn default() -> Self {
        shipped().glide_path.clone()
    }
}

/// A shipped glide path, with what it resembles and where its figures come from.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// The preset's name, as plans store it.
    pub name: String,
    /// The published series it resembles (not the fund family's product).
    pub resembles: String,
    /// Where its figures come from.
    pub source: String,
    /// Its knots.
    pub knots: Vec<Knot>,
}

impl Preset {
    /// The preset as a plan's glide path.
    pub fn glide_path(&self) -> GlidePath {
        GlidePath::new(self.name.clone(), self.knots.clone())
    }
}

/// A named assumption about crypto's return: not a forecast.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CryptoView {
    /// The view's identifier (`skeptic`, `neutral`, `optimist`): plans, the
    /// command line and sweeps name it so, and it never changes.
    pub id: String,
    /// The view's name, shown in the app.
    pub name: String,
    /// What it assumes, in one line.
    pub basis: String,
    /// Expected arithmetic real return.
    pub mean: f64,
    /// Volatility of log returns.
    pub volatility: f64,
    /// Crash jumps, if the view has them.
    pub crash: Option<CryptoCrash>,
}

impl CryptoView {
    /// The view's return assumption for crypto.
    pub fn asset(&self) -> AssetAssumption {
        AssetAssumption {
            mean: self.mean,
            volatility: self.volatility,
        }
    }
}

/// A shipped private-market view as published: its return nominal, made
/// real with a plan's inflation by [`ShippedPrivateView::real`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShippedPrivateView {
    /// Which kind it is the view of.
    pub kind: PrivateKind,
    /// The publisher's nominal compound return a year.
    pub published_return: f64,
    /// Whether that return is after the manager's fees.
    pub net_of_fees: bool,
    /// Where the return comes from, with its date.
    pub source: String,
    /// Volatility of the true log return.
    pub volatility: f64,
    /// Correlation of the true return with stocks.
    pub correlation_stocks: f64,
    /// Correlation of the true return with bonds.
    pub correlation_bonds: f64,
    /// Geltner's ρ.
    pub smoothing: f64,
    /// Management fee a year, a share of the reported value.
    pub management: f64,
    /// Performance fee: the share of the return above the hurdle.
    pub carry: f64,
    /// The hurdle as published (nominal).
    pub hurdle_nominal: f64,
    /// The most of the holding sold in a year.
    pub max_sale: f64,
}

impl ShippedPrivateView {
    /// The view in real terms at `inflation` (assets/private_views.ron
    /// says how): the real arithmetic mean before fees, the real hurdle.
    pub fn real(&self, inflation: f64) -> PrivateView {
        let real = |nominal: f64| (1.0 + nominal) / (1.0 + inflation) - 1.0;
        let hurdle = real(self.hurdle_nominal);
        let published = (1.0 + real(self.published_return))
            * (self.volatility * self.volatility / 2.0).exp()
            - 1.0;
        let (management, carry) = (self.management, self.carry);
        // Before fees: the return that nets the published one at the mean.
        let mean = if self.net_of_fees {
            let kept = (1.0 + published) / (1.0 - management) - 1.0;
            let above = (kept - carry * hurdle) / (1.0 - carry);
            if above > hurdle { above } else { kept }
        } else {
            published
        };
        PrivateView {
            mean,
            volatility: self.volatility,
            correlation_stocks: self.correlation_stocks,
            correlation_bonds: self.correlation_bonds,
            smoothing: self.smoothing,
            management,
            carry,
            hurdle,
            max_sale: self.max_sale,
        }
    }
}

/// A crypto view that is not shipped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no crypto view {id:?}: the views are {known}")]
pub struct ViewError {
    /// The id asked for.
    pub id: String,
    /// The shipped views' ids.
    pub known: String,
}

/// The IRS limits on 401(k) contributions, held constant in today's dollars.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IrsLimits {
    /// The tax year the figures are from.
    pub year: u32,
    /// The elective deferral limit, without catch-up.
    pub elective_deferral_usd: f64,
    /// Extra deferral allowed at ages 50-59 and 64 and over.
    pub catch_up_50_usd: f64,
    /// SECURE 2.0's larger catch-up at ages 60-63 (instead of the one above).
    pub catch_up_60_63_usd: f64,
    /// Employee deferral (without catch-up) plus employer money.
    pub annual_additions_usd: f64,
}

impl IrsLimits {
    /// The catch-up contribution allowed at `age_years`.
    pub fn catch_up_usd(&self, age_years: u32) -> f64 {
        match age_years {
            60..=63 => self.catch_up_60_63_usd,
            50.. => self.catch_up_50_usd,
            _ => 0.0,
        }
    }

    /// The elective deferral limit at `age_years`, catch-up included.
    pub fn deferral_limit_usd(&self, age_years: u32) -> f64 {
        self.elective_deferral_usd + self.catch_up_usd(age_years)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssumptionsFile {
    stocks: AssetAssumption,
    bonds: AssetAssumption,
    cash: AssetAssumption,
    crypto_view: String,
    correlations: Vec<Vec<f64>>,
    inflation: f64,
    fees: FeesFile,
    irs_limits: Vec<IrsLimits>,
    glide_path: String,
}

/// The shipped fees, read without [`Fees`]'s serde defaults (which come
/// from here).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeesFile {
    stocks: f64,
    bonds: f64,
    cash: f64,
    crypto: f64,
    plan: f64,
}

/// Everything shipped, parsed once.
#[derive(Debug)]
pub struct Shipped {
    /// The glide path presets.
    pub presets: Vec<Preset>,
    /// The named crypto views.
    pub crypto_views: Vec<CryptoView>,
    /// The default market assumptions.
    pub assumptions: Assumptions,
    /// The default fees.
    pub fees: Fees,
    /// The IRS limits of every year shipped, oldest first.
    pub irs_limits_by_year: Vec<IrsLimits>,
    /// The default glide path.
    pub glide_path: GlidePath,
    /// The identifier of the crypto view the default assumptions use.
    pub crypto_view: String,
    /// Published bitcoin allocation ranges.
    pub published_ranges: Vec<PublishedRange>,
    /// The private-market views, one per kind, in [`PrivateKind::ALL`]'s order.
    pub private_views: Vec<ShippedPrivateView>,
}

impl Shipped {
    /// The preset of that name.
    pub fn preset(&self, name: &str) -> Option<&Preset> {
        self.presets.iter().find(|p| p.name == name)
    }

    /// The shipped view of a private kind (each kind ships one: checked
    /// when the assets are parsed).
    pub fn private_view(&self, kind: PrivateKind) -> &ShippedPrivateView {
        &self.private_views[PrivateKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or_default()]
    }

    /// The crypto view of that identifier.
    pub fn crypto_view(&self, id: &str) -> Option<&CryptoView> {
        self.crypto_views.iter().find(|v| v.id == id)
    }

    /// The shipped view `id`, or an error naming the views there are.
    pub fn view(&self, id: &str) -> Result<&CryptoView, ViewError> {
        self.crypto_view(id).ok_or_else(|| ViewError {
            id: id.to_owned(),
            known: self
                .crypto_views
                .iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// The IRS limits of `year`, if that year's table ships.
    pub fn irs_limits(&self, year: u32) -> Option<&IrsLimits> {
        self.irs_limits_by_year.iter().find(|l| l.year == year)
    }

    /// The newest IRS limits shipped: what a new plan uses.
    pub fn newest_irs_limits(&self) -> &IrsLimits {
        // A unit test checks the table is not empty.
        &self.irs_limits_by_year[self.irs_limits_by_year.len() - 1]
    }
}

/// The shipped defaults. The assets are part of the binary and a unit test
/// parses them, so a failure here is a build defect, never a user's.
pub fn shipped() -> &'static Shipped {
    static SHIPPED: OnceLock<Shipped> = OnceLock::new();
    SHIPPED.get_or_init(|| parse_shipped().unwrap_or_else(|e| panic!("embedded assets: {e}")))
}

/// Why the embedded assets could not be read (the tests rule it out).
#[derive(Debug, thiserror::Error)]
enum ShippedError {
    /// A file is not what its type says.
    #[error("{file}: {source}")]
    Parse {
        file: &'static str,
        source: ron::error::SpannedError,
    },
    /// The assumptions name a view or a glide path that is not shipped.
    #[error("no {what} named {name}")]
    Missing { what: &'static str, name: String },
}

fn parse<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
) -> Result<T, ShippedError> {
    ron::from_str(text).map_err(|source| ShippedError::Parse { file, source })
}

fn parse_shipped() -> Result<Shipped, ShippedError> {
    let presets: Vec<Preset> = parse("glide_paths.ron", GLIDE_PATHS_RON)?;
    let crypto_views: Vec<CryptoView> = parse("crypto_views.ron", CRYPTO_VIEWS_RON)?;
    let published_ranges: Vec<PublishedRange> =
        parse("published_ranges.ron", PUBLISHED_RANGES_RON)?;
    let file: AssumptionsFile = parse("assumptions.ron", ASSUMPTIONS_RON)?;
    let private_views: Vec<ShippedPrivateView> = parse("private_views.ron", PRIVATE_VIEWS_RON)?;
    if private_views.len() != PrivateKind::ALL.len()
        || private_views
            .iter()
            .zip(PrivateKind::ALL)
            .any(|(v, k)| v.kind != k)
    {
        return Err(ShippedError::Missing {
            what: "private view, one per kind in order",
            name: "private_views.ron".into(),
        });
    }
    let view = crypto_views
        .iter()
        .find(|v| v.id == file.crypto_view)
        .ok_or_else(|| ShippedError::Missing {
            what: "crypto view",
            name: file.crypto_view.clone(),
        })?;
    let glide_path = presets
        .iter()
        .find(|p| p.name == file.glide_path)
        .ok_or_else(|| ShippedError::Missing {
            what: "glide path",
            name: file.glide_path.clone(),
        })?
        .glide_path();
    let assumptions = Assumptions {
        stocks: file.stocks,
        bonds: file.bonds,
        cash: file.cash,
        crypto: view.asset(),
        correlations: file.correlations,
        crypto_crash: view.crash.clone(),
        inflation: file.inflation,
    };
    Ok(Shipped {
        private_views,
        crypto_view: view.id.clone(),
        published_ranges,
        presets,
        crypto_views,
        assumptions,
        fees: Fees {
            stocks: file.fees.stocks,
            bonds: file.fees.bonds,
            cash: file.fees.cash,
            crypto: file.fees.crypto,
            plan: file.fees.plan,
        },
        irs_limits_by_year: {
            if file.irs_limits.is_empty() {
                return Err(ShippedError::Missing {
                    what: "table of",
                    name: "IRS limits".into(),
                });
            }
            file.irs_limits
        },
        glide_path,
    })
}

/// Where the defaults come from, in plain words, for the app's "About
/// these assumptions".
pub const ABOUT: &str = include_str!("../../assets/about_assumptions.txt");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_parse_and_match_the_design() {
        let s = parse_shipped().expect("assets parse");
        assert_eq!(s.presets.len(), 5);
        assert_eq!(s.crypto_views.len(), 3);
        assert_eq!(s.assumptions.stocks.mean, 0.055);
        assert_eq!(s.assumptions.crypto.volatility, 0.55);
        assert_eq!(
            s.assumptions.crypto_crash.as_ref().map(|c| c.mean),
            Some(-1.16)
        );
        let ids: Vec<&str> = s.crypto_views.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["skeptic", "neutral", "optimist"]);
        assert_eq!(s.published_ranges.len(), 5);
        assert!(
            s.published_ranges
                .iter()
                .all(|r| r.low <= r.high && !r.source.is_empty())
        );
        assert_eq!(s.fees.stocks, 0.0026);
        let limits = s.irs_limits(2026).expect("the 2026 table");
        assert_eq!(limits.deferral_limit_usd(61), 24_500.0 + 11_250.0);
        assert_eq!(limits.deferral_limit_usd(64), 24_500.0 + 8_000.0);
        assert_eq!(limits.deferral_limit_usd(49), 24_500.0);
        assert_eq!(s.newest_irs_limits().year, 2026);
        assert_eq!(s.glide_path.name, "Moderate, through retirement");
    }

    #[test]
    fn every_preset_is_a_valid_glide_path() {
        for preset in &shipped().presets {
            let problems =
                crate::plan::validate::glide_path_problems(&preset.glide_path(), "preset");
            assert!(problems.is_empty(), "{}: {problems:?}", preset.name);
        }
    }
}
