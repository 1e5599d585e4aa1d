//! The assets a plan can hold, named: stocks, bonds and cash in the core,
//! crypto in the sleeve, a private-market asset in the private sleeve. [`Asset`] is the one list (in the order of the
//! correlation matrix and of every per-asset array), and [`PerAsset`] one
//! value for each, indexed by name rather than by number, so the market,
//! the engine, fees, assumptions and validation never say `[3]` when they
//! mean crypto. A `match` on [`Asset`] finds every place a new asset
//! touches.

use std::ops::{Index, IndexMut};

/// How many assets there are: the length of every [`PerAsset`].
pub const ASSETS: usize = 5;

/// One asset class, in the order of the correlation matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Asset {
    /// Stocks (global equity), in the core.
    Stocks,
    /// Bonds (US aggregate), in the core.
    Bonds,
    /// Cash (T-bills), in the core.
    Cash,
    /// Crypto (bitcoin), the sleeve.
    Crypto,
    /// A private-market asset (private equity, credit, real estate,
    /// infrastructure or commodities), the private sleeve: its return the
    /// assets' true one, drawn from a stream of its own.
    Private,
}

impl Asset {
    /// Every asset, in the order of the correlation matrix.
    pub const ALL: [Asset; ASSETS] = [
        Asset::Stocks,
        Asset::Bonds,
        Asset::Cash,
        Asset::Crypto,
        Asset::Private,
    ];

    /// The assets whose correlations a plan file lists
    /// (`assumptions.correlations`); the private asset's are in its view.
    pub const IN_FILE: usize = 4;

    /// The core's assets, which a glide path mixes.
    pub const CORE: [Asset; 3] = [Asset::Stocks, Asset::Bonds, Asset::Cash];

    /// Its place in the correlation matrix and in a [`PerAsset`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Its name in a plan file (`assumptions.stocks`, `fees.crypto`).
    pub const fn key(self) -> &'static str {
        match self {
            Asset::Stocks => "stocks",
            Asset::Bonds => "bonds",
            Asset::Cash => "cash",
            Asset::Crypto => "crypto",
            Asset::Private => "private",
        }
    }

    /// What people call it ("Stocks"), in legends and tables.
    pub const fn label(self) -> &'static str {
        match self {
            Asset::Stocks => "Stocks",
            Asset::Bonds => "Bonds",
            Asset::Cash => "Cash",
            Asset::Crypto => "Crypto",
            Asset::Private => "Private",
        }
    }

    /// Whether it sits in the core (a glide path mixes it), not the sleeve.
    pub const fn in_core(self) -> bool {
        match self {
            Asset::Stocks | Asset::Bonds | Asset::Cash => true,
            Asset::Crypto | Asset::Private => false,
        }
    }
}

/// One value for each asset, indexed by [`Asset`]. Laid out as
/// `[T; ASSETS]` in the order of [`Asset::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PerAsset<T>(pub [T; ASSETS]);

impl<T> PerAsset<T> {
    /// The value `f` gives each asset.
    pub fn from_fn(mut f: impl FnMut(Asset) -> T) -> Self {
        PerAsset(std::array::from_fn(|i| f(Asset::ALL[i])))
    }

    /// Each value through `f`.
    #[must_use]
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> PerAsset<U> {
        PerAsset(self.0.map(f))
    }

    /// Each asset with its value, in order.
    pub fn iter(&self) -> impl Iterator<Item = (Asset, &T)> {
        Asset::ALL.into_iter().zip(self.0.iter())
    }

    /// Each asset with its value to change, in order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Asset, &mut T)> {
        Asset::ALL.into_iter().zip(self.0.iter_mut())
    }

    /// The values in order, as an array.
    pub fn as_array(&self) -> &[T; ASSETS] {
        &self.0
    }
}

impl<T> Index<Asset> for PerAsset<T> {
    type Output = T;

    fn index(&self, asset: Asset) -> &T {
        &self.0[asset.index()]
    }
}

impl<T> IndexMut<Asset> for PerAsset<T> {
    fn index_mut(&mut self, asset: Asset) -> &mut T {
        &mut self.0[asset.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_index_their_own_place() {
        for (i, asset) in Asset::ALL.into_iter().enumerate() {
            assert_eq!(asset.index(), i);
        }
        let values = PerAsset::from_fn(|a| a.key());
        assert_eq!(values[Asset::Crypto], "crypto");
        assert_eq!(values.0, ["stocks", "bonds", "cash", "crypto", "private"]);
        assert_eq!(
            Asset::ALL.iter().filter(|a| a.in_core()).count(),
            Asset::CORE.len()
        );
    }
}
