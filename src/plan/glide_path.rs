//! Glide paths: how the core's mix of stocks, bonds and cash moves with the
//! years left to retirement.

use serde::{Deserialize, Serialize};

use super::asset::Asset;

/// A mix of the core's three assets; the weights sum to 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mix {
    /// Stocks' share of the core.
    pub stocks: f64,
    /// Bonds' share of the core.
    pub bonds: f64,
    /// Cash's share of the core.
    pub cash: f64,
}

impl Mix {
    /// An asset's share of the core (0 for the sleeve's crypto).
    pub fn share(&self, asset: Asset) -> f64 {
        match asset {
            Asset::Stocks => self.stocks,
            Asset::Bonds => self.bonds,
            Asset::Cash => self.cash,
            Asset::Crypto | Asset::Private => 0.0,
        }
    }

    /// The weighted sum of one value per asset (a blended return or fee).
    pub fn blend(&self, stocks: f64, bonds: f64, cash: f64) -> f64 {
        self.stocks * stocks + self.bonds * bonds + self.cash * cash
    }
}

/// One point of a glide path. `years_to_retirement` is negative after retirement.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knot {
    /// Retirement age minus age: negative after retirement.
    pub years_to_retirement: f64,
    /// Stocks' share of the core here.
    pub stocks: f64,
    /// Bonds' share of the core here.
    pub bonds: f64,
    /// Cash's share of the core here.
    pub cash: f64,
}

impl Knot {
    fn mix(&self) -> Mix {
        Mix {
            stocks: self.stocks,
            bonds: self.bonds,
            cash: self.cash,
        }
    }
}

/// A named glide path: the core's mix by years to retirement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlidePath {
    /// The preset's name, or "Custom (from …)".
    pub name: String,
    /// Any order in a file; [`GlidePath::sorted_knots`] orders them.
    pub knots: Vec<Knot>,
}

impl GlidePath {
    /// A glide path of these knots.
    pub fn new(name: impl Into<String>, knots: Vec<Knot>) -> Self {
        Self {
            name: name.into(),
            knots,
        }
    }

    /// The knots by increasing `years_to_retirement`.
    pub fn sorted_knots(&self) -> Vec<Knot> {
        let mut knots = self.knots.clone();
        knots.sort_by(|a, b| a.years_to_retirement.total_cmp(&b.years_to_retirement));
        knots
    }

    /// The target mix at `years_to_retirement`: linear between knots, the
    /// nearest end knot beyond them. `None` only for a path with no knots,
    /// which validation rejects.
    pub fn mix_at(&self, years_to_retirement: f64) -> Option<Mix> {
        mix_at_sorted(&self.sorted_knots(), years_to_retirement)
    }
}

/// [`GlidePath::mix_at`] for knots already sorted, so a year loop sorts once.
pub fn mix_at_sorted(knots: &[Knot], years_to_retirement: f64) -> Option<Mix> {
    let first = knots.first()?;
    let last = knots.last()?;
    if years_to_retirement <= first.years_to_retirement {
        return Some(first.mix());
    }
    if years_to_retirement >= last.years_to_retirement {
        return Some(last.mix());
    }
    let upper = knots
        .iter()
        .position(|k| k.years_to_retirement >= years_to_retirement)?;
    let (lo, hi) = (&knots[upper - 1], &knots[upper]);
    let span = hi.years_to_retirement - lo.years_to_retirement;
    let f = (years_to_retirement - lo.years_to_retirement) / span;
    let lerp = |a: f64, b: f64| a + (b - a) * f;
    Some(Mix {
        stocks: lerp(lo.stocks, hi.stocks),
        bonds: lerp(lo.bonds, hi.bonds),
        cash: lerp(lo.cash, hi.cash),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knot(y: f64, s: f64, b: f64, c: f64) -> Knot {
        Knot {
            years_to_retirement: y,
            stocks: s,
            bonds: b,
            cash: c,
        }
    }

    #[test]
    fn interpolates_between_knots_and_holds_beyond_them() {
        // Written out of order on purpose: files may do that.
        let path = GlidePath::new(
            "test",
            vec![
                knot(0.0, 0.5, 0.45, 0.05),
                knot(25.0, 0.9, 0.1, 0.0),
                knot(-7.0, 0.3, 0.55, 0.15),
            ],
        );
        let m = path.mix_at(12.5).unwrap();
        assert!((m.stocks - 0.7).abs() < 1e-12);
        assert!((m.bonds - 0.275).abs() < 1e-12);
        assert!((m.cash - 0.025).abs() < 1e-12);
        assert_eq!(path.mix_at(40.0).unwrap().stocks, 0.9);
        assert_eq!(path.mix_at(-30.0).unwrap().stocks, 0.3);
        assert_eq!(path.mix_at(0.0).unwrap().stocks, 0.5);
        let after = path.mix_at(-3.5).unwrap();
        assert!((after.stocks - 0.4).abs() < 1e-12);
    }

    #[test]
    fn one_knot_is_a_fixed_mix() {
        let path = GlidePath::new("60/40", vec![knot(0.0, 0.6, 0.4, 0.0)]);
        for y in [-40.0, 0.0, 40.0] {
            assert_eq!(path.mix_at(y).unwrap().stocks, 0.6);
        }
    }

    #[test]
    fn no_knots_gives_none() {
        assert!(GlidePath::new("empty", vec![]).mix_at(0.0).is_none());
    }
}
