//! Colours, in one place for both themes: the Okabe–Ito palette, which
//! colour-blind readers can separate. Lines also differ by style or label.

use egui::Color32;

use crate::plan::asset::Asset;

/// The colours of one theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Stocks, in every input, legend and chart.
    pub stocks: Color32,
    /// Bonds.
    pub bonds: Color32,
    /// Cash.
    pub cash: Color32,
    /// Crypto.
    pub crypto: Color32,
    /// The private sleeve's asset.
    pub private: Color32,
    /// The bad case (10th percentile) and warnings.
    pub bad_case: Color32,
    /// The fan chart's bands and median.
    pub band: Color32,
    /// The same plan without its sleeve: Okabe–Ito's reddish purple, apart
    /// from the plan's blue and the bad case's vermillion.
    pub without_sleeve: Color32,
    /// What is left after tax: the text's own colour, dashed beside the
    /// blue before-tax line.
    pub after_tax: Color32,
    /// Errors only.
    pub error: Color32,
    /// The scenarios: the base in the text colour, then three hues that
    /// are not asset colours.
    pub scenarios: [Color32; 4],
}

/// The palette of the dark or the light theme.
pub fn palette(dark: bool) -> Palette {
    let blue = Color32::from_rgb(0x00, 0x72, 0xB2);
    let sky = Color32::from_rgb(0x56, 0xB4, 0xE9);
    Palette {
        stocks: if dark { sky } else { blue },
        bonds: Color32::from_rgb(0x00, 0x9E, 0x73),
        cash: Color32::from_rgb(0x99, 0x99, 0x99),
        crypto: Color32::from_rgb(0xE6, 0x9F, 0x00),
        private: if dark {
            Color32::from_rgb(0xC8, 0xA2, 0x7A)
        } else {
            Color32::from_rgb(0x88, 0x66, 0x44)
        },
        bad_case: Color32::from_rgb(0xD5, 0x5E, 0x00),
        band: if dark { sky } else { blue },
        without_sleeve: Color32::from_rgb(0xCC, 0x79, 0xA7),
        after_tax: Color32::from_gray(if dark { 0xE6 } else { 0x20 }),
        error: if dark {
            Color32::from_rgb(0xFF, 0x8A, 0x65)
        } else {
            Color32::from_rgb(0xB0, 0x3A, 0x00)
        },
        scenarios: if dark {
            [
                Color32::from_gray(0xE6),
                Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
                Color32::from_rgb(0xDD, 0xAA, 0x33), // Tol's yellow
                Color32::from_rgb(0x88, 0xCC, 0xEE), // Tol's cyan
            ]
        } else {
            [
                Color32::from_gray(0x20),
                Color32::from_rgb(0xAA, 0x33, 0x77), // Tol's purple
                Color32::from_rgb(0x99, 0x77, 0x00), // dark yellow
                Color32::from_rgb(0x33, 0x22, 0x88), // Tol's indigo
            ]
        },
    }
}

impl Palette {
    /// The asset's colour, the same in every input, legend and chart.
    pub fn asset(&self, asset: Asset) -> Color32 {
        match asset {
            Asset::Stocks => self.stocks,
            Asset::Bonds => self.bonds,
            Asset::Cash => self.cash,
            Asset::Crypto => self.crypto,
            Asset::Private => self.private,
        }
    }
}

/// The palette of the theme `ctx` shows.
pub fn of(ctx: &egui::Context) -> Palette {
    palette(ctx.global_style().visuals.dark_mode)
}

/// Scenario `index`'s line style: the base solid, each variant its own
/// dashes, so scenarios differ by more than colour.
pub fn scenario_line(index: usize) -> egui_plot::LineStyle {
    match index {
        0 => egui_plot::LineStyle::Solid,
        1 => egui_plot::LineStyle::Dashed { length: 12.0 },
        2 => egui_plot::LineStyle::Dotted { spacing: 5.0 },
        _ => egui_plot::LineStyle::Dashed { length: 4.0 },
    }
}
