//! The Simulation group: Monte Carlo or a history file (rolling or
//! blocks), paths and seed.

use egui::{Grid, Slider, SliderClamping, Ui};

use super::super::super::Command;
use super::Form;
use crate::plan::lever::path;
use crate::plan::{HistoryMode, Lever, Plan, Returns};

pub fn ui(
    ui: &mut Ui,
    form: &Form<'_>,
    plan: &mut Plan,
    run_error: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let s = &mut plan.simulation;
    let mut monte_carlo = matches!(s.returns, Returns::MonteCarlo);
    ui.horizontal(|ui| {
        ui.label("Returns").on_hover_text(
            "Monte Carlo draws many possible futures from the assumptions. A history file replays real years you import",
        );
        if ui.radio_value(&mut monte_carlo, true, "Monte Carlo").clicked() {
            s.returns = Returns::MonteCarlo;
        }
        if ui
            .radio_value(&mut monte_carlo, false, "A history file")
            .on_hover_text("Replay a return history (CSV) you import: see docs/history.md for the format")
            .clicked()
            && !matches!(s.returns, Returns::History { .. })
        {
            commands.push(Command::ImportHistory);
        }
    });
    if let Returns::History { file, mode } = &mut s.returns {
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
        ui.colored_label(form.error_color, error);
    }
    let s = &mut plan.simulation;
    let rolling = matches!(
        s.returns,
        Returns::History {
            mode: HistoryMode::Rolling,
            ..
        }
    );
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
