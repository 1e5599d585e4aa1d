//! Annual fees, taken at each year's end as a share of each holding.

use serde::{Deserialize, Serialize};

use super::asset::Asset;
use super::glide_path::Mix;

/// Yearly fees as shares of each holding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fees {
    /// Expense ratio of the stock funds.
    pub stocks: f64,
    /// Expense ratio of the bond funds.
    pub bonds: f64,
    /// Expense ratio of the cash fund.
    pub cash: f64,
    /// Sponsor fee of the crypto fund.
    pub crypto: f64,
    /// The plan's own administration fee, charged on both holdings.
    pub plan: f64,
}

impl Fees {
    /// No fees at all (for closed forms and studies without costs).
    pub const NONE: Fees = Fees {
        stocks: 0.0,
        bonds: 0.0,
        cash: 0.0,
        crypto: 0.0,
        plan: 0.0,
    };

    /// The fee of the fund that holds `asset`.
    pub fn fund(&self, asset: Asset) -> f64 {
        match asset {
            Asset::Stocks => self.stocks,
            Asset::Bonds => self.bonds,
            Asset::Cash => self.cash,
            Asset::Crypto => self.crypto,
            // The private fund's fees are in its view (management, carry).
            Asset::Private => 0.0,
        }
    }

    /// The core's fee rate for the year's mix: its funds' fees plus the plan's.
    pub fn core_rate(&self, mix: &Mix) -> f64 {
        mix.blend(
            self.fund(Asset::Stocks),
            self.fund(Asset::Bonds),
            self.fund(Asset::Cash),
        ) + self.plan
    }

    /// The sleeve's fee rate: the crypto fund's fee plus the plan's.
    pub fn sleeve_rate(&self) -> f64 {
        self.fund(Asset::Crypto) + self.plan
    }
}
