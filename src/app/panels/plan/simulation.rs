//! The Simulation group: Monte Carlo, the shipped US history or a history
//! file (rolling or blocks), paths and seed.

use egui::{Grid, Slider, SliderClamping, Ui};

use super::Form;
use crate::app::{Command, RunError};
use crate::plan::lever::path;
use crate::plan::lifespan::{Lifespan, TableLifespan};
use crate::plan::{BUILT_IN_HISTORIES, HistoryMode, Lever, Plan, Returns};

pub fn ui(
    ui: &mut Ui,
    form: &Form<'_>,
    plan: &mut Plan,
    run_error: Option<&RunError>,
    commands: &mut Vec<Command>,
) {
    lifespan_choice(ui, form, plan);
    returns_choice(ui, plan, commands);
    if let Returns::History { file, .. } = &plan.simulation.returns {
        ui.horizontal(|ui| {
            let name = std::path::Path::new(file.as_str())
                .file_name()
                .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
            ui.label(format!("File: {name}"))
                .on_hover_text(file.as_str());
            if ui
                .button("Import…")
                .on_hover_text("Choose another return history file")
                .clicked()
            {
                commands.push(Command::ImportHistory);
            }
        });
        mode_choice(ui, &mut plan.simulation.returns);
    }
    if plan.simulation.returns.built_in().is_some() {
        form.problem_at(ui, path::BUILT_IN_HISTORY);
        if plan.allocation.sleeve.is_some()
            && ui
                .button("Replay the core alone")
                .on_hover_text("Remove the crypto sleeve from this plan (Undo brings it back)")
                .clicked()
        {
            plan.allocation.sleeve = None;
        }
    }
    Grid::new("bootstrap").num_columns(2).show(ui, |ui| {
        form.lever(
            ui,
            plan,
            Lever::BlockYears,
            "Block length",
            "Years in each block of consecutive history",
        );
    });
    if let Some(error) = run_error {
        ui.colored_label(form.error_color, error.to_string());
    }
    let s = &mut plan.simulation;
    let rolling = s.returns.is_rolling();
    Grid::new("simulation").num_columns(2).show(ui, |ui| {
        if !rolling {
            form.row(
                ui,
                "Paths",
                "How many simulated futures: more is smoother and slower",
                Lever::Paths.path(),
                |ui| {
                    ui.add(
                        Slider::new(&mut s.paths, 1_000..=100_000)
                            .logarithmic(true)
                            .clamping(SliderClamping::Never),
                    )
                },
            );
        }
        form.row(
            ui,
            "Seed",
            "The same seed gives the same numbers every time",
            path::SEED,
            |ui| ui.add(egui::DragValue::new(&mut s.seed)),
        );
    });
}

/// Where returns come from: Monte Carlo, the shipped US history (every
/// start year or random blocks), or a file of the user's.
fn returns_choice(ui: &mut Ui, plan: &mut Plan, commands: &mut Vec<Command>) {
    #[derive(PartialEq)]
    enum Choice {
        MonteCarlo,
        UsRolling,
        UsBlocks,
        File,
    }
    let returns = &mut plan.simulation.returns;
    let now = match returns {
        Returns::MonteCarlo => Choice::MonteCarlo,
        Returns::BuiltIn { .. } if returns.is_rolling() => Choice::UsRolling,
        Returns::BuiltIn { .. } => Choice::UsBlocks,
        Returns::History { .. } => Choice::File,
    };
    let us = &BUILT_IN_HISTORIES[0];
    let mut picked = None;
    ui.label("Returns").on_hover_text(
        "Monte Carlo draws many possible futures from the assumptions. History replays the years that happened",
    );
    ui.indent("returns", |ui| {
        let options = [
            (Choice::MonteCarlo, "Monte Carlo".to_owned(), "Many possible futures drawn from the assumptions under Advanced".to_owned()),
            (
                Choice::UsRolling,
                format!("{}, every start year", us.label),
                format!("Would the plan have survived every start year since {}? One path per start year, built in: {}", us.years.0, SOURCES),
            ),
            (
                Choice::UsBlocks,
                "US history, bootstrap".to_owned(),
                format!("Paths joined from random blocks of consecutive US years since {}, built in", us.years.0),
            ),
            (Choice::File, "Your file…".to_owned(), "Replay a return history (CSV) you import: see docs/history.md for the format".to_owned()),
        ];
        for (choice, label, tooltip) in options {
            let selected = choice == now;
            if ui.radio(selected, label).on_hover_text(tooltip).clicked() && !selected {
                picked = Some(choice);
            }
        }
    });
    let mode = returns.history_mode();
    match picked {
        None => {}
        Some(Choice::MonteCarlo) => *returns = Returns::MonteCarlo,
        Some(Choice::UsRolling) => *returns = Returns::us_history(HistoryMode::Rolling),
        Some(Choice::UsBlocks) => {
            let block_years = match mode {
                Some(HistoryMode::Bootstrap { block_years }) => block_years,
                _ => 5,
            };
            *returns = Returns::us_history(HistoryMode::Bootstrap { block_years });
        }
        Some(Choice::File) => commands.push(Command::ImportHistory),
    }
}

/// How long the people of the plan live: to the plan-to age, or each
/// future's own ages at death drawn from the SSA table.
fn lifespan_choice(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    ui.label("How long you live").on_hover_text(
        "Plan to an age, or let each future draw the ages at death from the SSA period life table",
    );
    let mut table = plan.simulation.lifespan.is_table();
    ui.indent("lifespan", |ui| {
        ui.radio_value(&mut table, false, format!("Everyone to the plan-to age ({})", plan.saver.plan_to_age))
            .on_hover_text("Success: the money lasts to the plan-to age");
        ui.radio_value(&mut table, true, "Ages at death from the SSA life table")
            .on_hover_text(
                "Each future draws the ages at death from the table, from today's ages (the plan-to age stays the most anyone lives). Success: the money lasted as long as someone needed it. The markets are the same draws either way",
            );
    });
    if table != plan.simulation.lifespan.is_table() {
        plan.simulation.lifespan = if table {
            Lifespan::Table(TableLifespan::default())
        } else {
            Lifespan::PlanToAge
        };
    }
    form.problem_at(ui, path::SEX);
    form.problem_at(ui, path::SPOUSE_SEX);
}

/// Every start year or random blocks, for a history file.
fn mode_choice(ui: &mut Ui, returns: &mut Returns) {
    let Some(mode) = returns.history_mode_mut() else {
        return;
    };
    let mut rolling = matches!(mode, HistoryMode::Rolling);
    ui.horizontal(|ui| {
        if ui
            .radio_value(&mut rolling, true, "Every start year")
            .on_hover_text("Rolling: one path per start year whose whole plan fits in the file")
            .clicked()
        {
            *mode = HistoryMode::Rolling;
        }
        if ui
            .radio_value(&mut rolling, false, "Random blocks")
            .on_hover_text("Bootstrap: each path joins blocks of consecutive years drawn at random from the file")
            .clicked()
            && rolling != matches!(mode, HistoryMode::Rolling)
        {
            *mode = HistoryMode::Bootstrap { block_years: 5 };
        }
    });
}

/// Where the shipped history comes from, in a line.
const SOURCES: &str =
    "Shiller's S&P Composite and 10-year Treasury returns, T-bills (Damodaran), CPI-U";
