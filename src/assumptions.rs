//! What the saver assumes about markets: expected returns, volatilities,
//! correlations, crypto crashes and inflation, all real (after inflation).

use serde::{Deserialize, Serialize};

/// One asset's return assumption. A file that gives an asset gives both.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetAssumption {
    /// Expected arithmetic real return E[R] (0.055 is 5.5% a year).
    pub mean: f64,
    /// Standard deviation of the log return.
    pub volatility: f64,
}

/// A crash jump added to crypto's log return in some years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CryptoCrash {
    /// Chance of a crash in any one year.
    pub probability: f64,
    /// Mean of the jump in log terms: -0.70 cuts the value by about 50%.
    pub mean: f64,
    /// Standard deviation of the jump in log terms.
    pub volatility: f64,
}

impl CryptoCrash {
    /// The loss a crash of average log size means, as a share of value
    /// (0.50 for a jump of -0.70): what a person understands.
    pub fn typical_loss(&self) -> f64 {
        1.0 - self.mean.exp()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    pub stocks: AssetAssumption,
    pub bonds: AssetAssumption,
    pub cash: AssetAssumption,
    pub crypto: AssetAssumption,
    /// 4×4, in the order stocks, bonds, cash, crypto. Lists in the file, so
    /// its shape is checked by validation rather than by the parser.
    pub correlations: Vec<Vec<f64>>,
    /// `None` written in a file turns crashes off; left out, the shipped crash applies.
    pub crypto_crash: Option<CryptoCrash>,
    /// Used only to show future (nominal) dollars.
    pub inflation: f64,
}

impl Default for Assumptions {
    fn default() -> Self {
        crate::defaults::shipped().assumptions.clone()
    }
}
