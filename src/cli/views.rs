//! `glidepath views [PLAN.ron]`: the shipped crypto views, each with what
//! it implies, the shipped private-market views, and the plan's own crypto
//! assumption if a plan is given.

use std::path::Path;

use super::CliError;
use crate::market::ViewFigures;
use crate::plan::defaults::shipped;
use crate::store::open_plan;

pub fn run(plan: Option<&Path>) -> Result<(), CliError> {
    let mut out = String::new();
    for view in &shipped().crypto_views {
        let figures = ViewFigures::of(&view.asset(), view.crash.as_ref());
        out.push_str(&describe(&view.id, &view.name, &figures));
        out.push_str(&format!("    {}\n", view.basis));
    }
    // The private views, real at the shipped inflation.
    let inflation = crate::plan::assumptions::Assumptions::default().inflation;
    for kind in crate::plan::private::PrivateKind::ALL {
        let shipped_view = shipped().private_view(kind);
        let view = shipped_view.real(inflation);
        out.push_str(&format!(
            "{}: {} (private sleeve): {:.1}% a year before fees (real, arithmetic), volatility {:.0}% of the true return, reported with a smoothing of {:.2} (a 30% fall shows as {:.0}% in its first year), fees {:.2}% a year and {:.0}% carry, at most {:.0}% sold a year\n    {}\n",
            kind.id(),
            kind.label(),
            view.mean * 100.0,
            view.volatility * 100.0,
            view.smoothing,
            view.first_year_fall(0.30) * 100.0,
            view.management * 100.0,
            view.carry * 100.0,
            view.max_sale * 100.0,
            shipped_view.source
        ));
    }
    if let Some(path) = plan {
        let plan = open_plan(path)?;
        let a = &plan.assumptions;
        let figures = ViewFigures::of(&a.crypto, a.crypto_crash.as_ref());
        let matching = shipped()
            .crypto_views
            .iter()
            .find(|v| v.asset() == a.crypto && v.crash == a.crypto_crash)
            .map_or("its own view".to_owned(), |v| {
                format!("the {} view", v.name)
            });
        out.push_str(&describe(
            &path.display().to_string(),
            &format!("the plan ({matching})"),
            &figures,
        ));
    }
    print!("{out}");
    Ok(())
}

fn describe(id: &str, name: &str, f: &ViewFigures) -> String {
    format!(
        "{id}: {name}: an average year of {:+.0}%; {}\n",
        f.average_year * 100.0,
        f.sentence()
    )
}
