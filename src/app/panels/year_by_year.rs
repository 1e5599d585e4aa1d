//! Year by year: a typical path (the median) or a bad one (1 in 10), with
//! its returns, what went in, what the account paid, the income from
//! elsewhere and what the spending rule did, in words. The same table as
//! `simulate --explain`.

use egui::{Grid, RichText, ScrollArea, Ui};

use crate::app::results::{Results, view_of};
use crate::engine::explain::{Explained, ExplainedYear, YearTrace};
use crate::engine::{Found, Pots, Question, TaxedYear};
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
    let note = if path.years.iter().any(|y| y.pots.is_some()) {
        "Today's dollars. The balance and its three kinds of money at the start of each year; returns after inflation; \"From the account\" is what the accounts paid that year (the RMD included), \"After tax\" what was left to spend"
    } else {
        "Today's dollars, before tax. The balance at the start of each year; returns after inflation; \"From the account\" is what it paid that year"
    };
    ui.label(
        RichText::new(format!("{note}; {}.", path.ranked_by.words()))
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
    // With taxes: the kinds of money, what tax took and what was left.
    if path.years.iter().any(|y| y.pots.is_some()) {
        type Kind = fn(&Pots) -> f64;
        let kinds: [(&str, Kind); 3] = [
            ("Traditional", |p| p.traditional_usd),
            ("Roth", |p| p.roth_usd),
            ("Taxable", |p| p.taxable_usd),
        ];
        for (name, field) in kinds {
            if any(&|y| y.pots.as_ref().map_or(0.0, field)) {
                columns.push((
                    name,
                    Box::new(move |y| money(y.pots.as_ref().map_or(0.0, field))),
                ));
            }
        }
        let taxed = |y: &ExplainedYear, f: fn(&TaxedYear) -> f64| {
            y.trace.and_then(|t| t.taxed).as_ref().map_or(0.0, f)
        };
        type Figure = fn(&TaxedYear) -> f64;
        let figures: [(&str, Figure); 5] = [
            ("RMD", |d| d.rmd_usd),
            ("Converted", |d| d.conversion_usd),
            ("Federal tax", |d| d.federal_tax_usd),
            ("State tax", |d| d.state_tax_usd),
            ("After tax", |d| d.income_after_tax_usd),
        ];
        for (name, field) in figures {
            if any(&|y| taxed(y, field)) {
                columns.push((name, Box::new(move |y| money(taxed(y, field)))));
            }
        }
        columns.push((
            "Tax on the next dollar",
            Box::new(move |y| {
                y.trace.and_then(|t| t.taxed).map_or(String::new(), |d| {
                    format!("{:.1}%", d.marginal_rate * 100.0)
                })
            }),
        ));
    }
    columns.push((
        "What the rule did",
        Box::new(move |y| y.action_words(adjustment)),
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
