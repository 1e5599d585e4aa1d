//! Annual fees, taken at each year's end as a share of each holding.

use serde::{Deserialize, Serialize};

use crate::glide_path::Mix;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fees {
    pub stocks: f64,
    pub bonds: f64,
    pub cash: f64,
    pub crypto: f64,
    /// The plan's own administration fee, charged on both holdings.
    pub plan: f64,
}

impl Default for Fees {
    fn default() -> Self {
        crate::defaults::shipped().fees.clone()
    }
}

impl Fees {
    /// The core's fee rate for the year's mix: its funds' fees plus the plan's.
    pub fn core_rate(&self, mix: &Mix) -> f64 {
        mix.blend(self.stocks, self.bonds, self.cash) + self.plan
    }

    pub fn sleeve_rate(&self) -> f64 {
        self.crypto + self.plan
    }
}
