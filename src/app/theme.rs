//! Colours, in one place for both themes: the Okabe–Ito palette, which
//! colour-blind readers can separate. Lines also differ by style or label.

use egui::Color32;

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
    /// The bad case (10th percentile) and warnings.
    pub bad_case: Color32,
    /// The fan chart's bands and median.
    pub band: Color32,
    /// Errors only.
    pub error: Color32,
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
        bad_case: Color32::from_rgb(0xD5, 0x5E, 0x00),
        band: if dark { sky } else { blue },
        error: if dark {
            Color32::from_rgb(0xFF, 0x8A, 0x65)
        } else {
            Color32::from_rgb(0xB0, 0x3A, 0x00)
        },
    }
}

/// The palette of the theme `ctx` shows.
pub fn of(ctx: &egui::Context) -> Palette {
    palette(ctx.global_style().visuals.dark_mode)
}
