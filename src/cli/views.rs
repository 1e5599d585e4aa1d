//! `glidepath views [PLAN.ron]`: the shipped crypto views, each with what
//! it implies, and the plan's own crypto assumption if a plan is given.

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
