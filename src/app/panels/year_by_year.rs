//! Year by year: a typical path (the median) or a bad one (1 in 10), with
//! its returns, what went in, what the account paid, the income from
//! elsewhere and what the spending rule did, in words. The same table as
//! `simulate --explain`.

use egui::{Grid, RichText, ScrollArea, Ui};

use crate::app::results::{Results, view_of};
use crate::engine::explain::{Explained, ExplainedYear, YearTrace};
use crate::engine::{Found, Question};
use crate::plan::Plan;
use crate::plan::asset::Asset;
use crate::plan::withdrawal::Withdrawal;
use crate::units::usd;

/// Which path the table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WhichPath {
    /// The median path.
    #[default]
    Typical,
    /// The 10th percentile.
    Bad,
}

impl WhichPath {
    /// Both paths, in the order they are worked out.
    pub const ALL: [WhichPath; 2] = [WhichPath::Typical, WhichPath::Bad];

    /// The question that explains this path.
    pub fn question(self) -> Question {
        Question::Explain {
            percentile: match self {
                WhichPath::Typical => 50,
                WhichPath::Bad => 10,
            },
        }
    }
}

/// The table of one path, with the choice of path above it.
pub fn ui(ui: &mut Ui, plan: &Plan, results: &Results, which: &mut WhichPath, height: f32) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Year by year").strong());
        ui.selectable_value(which, WhichPath::Typical, "A typical path (the median)");
        ui.selectable_value(which, WhichPath::Bad, "A bad path (1 in 10 is worse)");
    });
    let explained = results.answer(&which.question(), plan).and_then(|a| {
        view_of(a, |found| match found {
            Found::Explained(path) => Some(path),
            _ => None,
        })
    });
    let path: &Explained = match explained {
        None => {
            ui.weak("Working out the paths…");
            return;
        }
        Some(Err(why)) => {
            ui.weak(format!("The paths could not be shown: {why}"));
            return;
        }
        Some(Ok(path)) => path,
    };
    ui.label(
        RichText::new(
            "Today's dollars, before tax. The balance at the start of each year; returns after inflation; \"From the account\" is what it paid that year",
        )
        .small()
        .weak(),
    );
    let adjustment = match plan.retirement.withdrawal {
        Withdrawal::Guardrails(g) => g.adjustment,
        _ => 0.0,
    };
    ScrollArea::both()
        .max_height(height)
        .show(ui, |ui| table(ui, path, adjustment));
}

fn table(ui: &mut Ui, path: &Explained, adjustment: f64) {
    let pct = |r: f64| {
        if r.is_nan() {
            String::new()
        } else {
            format!("{:+.1}%", r * 100.0)
        }
    };
    let money = |v: f64| if v == 0.0 { String::new() } else { usd(v) };
    // Columns with nothing in them are left out: the table stays narrow.
    let any = |f: &dyn Fn(&ExplainedYear) -> f64| {
        path.years.iter().any(|y| f(y) != 0.0 && !f(y).is_nan())
    };
    let trace = |y: &ExplainedYear, f: fn(&YearTrace) -> f64| y.trace.as_ref().map_or(0.0, f);
    type Cell = Box<dyn Fn(&ExplainedYear) -> String>;
    let mut columns: Vec<(&str, Cell)> = vec![
        ("Age", Box::new(|y| y.age.to_string())),
        ("Balance", Box::new(|y| usd(y.balance_usd))),
    ];
    // The core's assets always; crypto where the path holds it.
    for asset in Asset::ALL {
        if asset.in_core() || any(&|y| y.returns[asset]) {
            columns.push((asset.label(), Box::new(move |y| pct(y.returns[asset]))));
        }
    }
    if any(&|y| y.contribution_usd) {
        columns.push(("Saved", Box::new(move |y| money(y.contribution_usd))));
    }
    columns.push((
        "From the account",
        Box::new(move |y| y.trace.map_or(String::new(), |t| usd(t.withdrawal_usd))),
    ));
    type Amount = fn(&YearTrace) -> f64;
    let optional: [(&str, Amount); 3] = [
        ("Social Security", |t| t.income.social_security_usd),
        ("Spouse", |t| t.income.spouse_usd),
        ("Other income", |t| {
            t.income.other_usd - t.income.expenses_usd
        }),
    ];
    for (name, field) in optional {
        if any(&|y| trace(y, field)) {
            columns.push((name, Box::new(move |y| money(trace(y, field)))));
        }
    }
    columns.push((
        "What the rule did",
        Box::new(move |y| {
            y.trace
                .and_then(|t| t.rule_move)
                .map(|m| m.words(adjustment))
                .unwrap_or_default()
        }),
    ));
    Grid::new("year by year")
        .striped(true)
        .num_columns(columns.len())
        .show(ui, |ui| {
            for (head, _) in &columns {
                ui.label(RichText::new(*head).strong());
            }
            ui.end_row();
            for y in &path.years {
                for (_, cell) in &columns {
                    ui.label(cell(y));
                }
                ui.end_row();
            }
        });
}
