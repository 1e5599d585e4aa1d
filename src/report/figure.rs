//! A drawing as plain data: filled areas, lines and labels in points, y
//! pointing down. The charts build figures; the PDF writer and the PNG
//! rasteriser draw them, so a chart looks the same on paper and in a PNG.
//! Also the axes every chart shares: nice steps, a bounded number of
//! labels, never a negative amount of money.

use super::fonts::{self, Weight};

/// A colour, opaque (areas carry their own opacity).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The print palette: the app's colour-blind-safe colours (Okabe and Ito)
/// on white, with dash patterns that tell lines apart in black and white.
pub mod ink {
    use super::Rgb;
    /// Body text and axes' labels.
    pub const TEXT: Rgb = Rgb(0x22, 0x22, 0x22);
    /// Secondary text: axis titles, notes.
    pub const MUTED: Rgb = Rgb(0x5A, 0x5A, 0x5A);
    /// Grid lines.
    pub const GRID: Rgb = Rgb(0xDD, 0xDD, 0xDD);
    /// The median and the plan itself.
    pub const BLUE: Rgb = Rgb(0x00, 0x72, 0xB2);
    /// The bands around the median.
    pub const SKY: Rgb = Rgb(0x56, 0xB4, 0xE9);
    /// The bad case.
    pub const VERMILLION: Rgb = Rgb(0xD5, 0x5E, 0x00);
    /// The plan without its crypto sleeve.
    pub const PURPLE: Rgb = Rgb(0xCC, 0x79, 0xA7);
    /// Bonds.
    pub const GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
    /// Crypto.
    pub const ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
    /// Cash.
    pub const GREY: Rgb = Rgb(0x99, 0x99, 0x99);
    /// The private sleeve.
    pub const BROWN: Rgb = Rgb(0x88, 0x66, 0x44);
    /// An asset's colour and how opaque its band is in a stacked chart.
    pub fn asset(asset: crate::plan::asset::Asset) -> (Rgb, f32) {
        use crate::plan::asset::Asset;
        match asset {
            Asset::Stocks => (BLUE, 0.85),
            Asset::Bonds => (GREEN, 0.7),
            Asset::Cash => (GREY, 0.5),
            Asset::Crypto => (ORANGE, 0.9),
            Asset::Private => (BROWN, 0.8),
        }
    }
    /// The scenarios after the base, in order (Tol's dark palette).
    pub const SCENARIOS: [Rgb; 4] = [
        BLUE,
        Rgb(0xAA, 0x33, 0x77),
        Rgb(0x99, 0x77, 0x00),
        Rgb(0x33, 0x22, 0x88),
    ];
    /// Dash patterns (on, off in points) that go with [`SCENARIOS`].
    pub const DASHES: [Option<[f32; 2]>; 4] =
        [None, Some([6.0, 3.0]), Some([2.0, 2.0]), Some([9.0, 3.0])];
}

/// Where a label's anchor point is on its baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The anchor is where the text starts.
    Start,
    /// The anchor is the text's middle.
    Middle,
    /// The anchor is where the text ends.
    End,
}

/// One thing drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A closed polygon, filled.
    Area {
        /// Its corners.
        points: Vec<[f32; 2]>,
        /// Its colour.
        colour: Rgb,
        /// 1 is opaque.
        opacity: f32,
    },
    /// A polyline.
    Line {
        /// Its points.
        points: Vec<[f32; 2]>,
        /// Its colour.
        colour: Rgb,
        /// Its width.
        width_pt: f32,
        /// On and off lengths, or solid.
        dash_pt: Option<[f32; 2]>,
    },
    /// One line of text.
    Label {
        /// What it says.
        text: String,
        /// Its anchor on the baseline.
        at: [f32; 2],
        /// Its size.
        size_pt: f32,
        /// Its face.
        weight: Weight,
        /// Its colour.
        colour: Rgb,
        /// Which point of the text `at` is.
        anchor: Anchor,
    },
}

/// A drawing of a given size; see the module docs.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Its width.
    pub width_pt: f32,
    /// Its height.
    pub height_pt: f32,
    /// What it holds, drawn in order.
    pub items: Vec<Item>,
}

impl Figure {
    /// An empty figure.
    pub fn new(width_pt: f32, height_pt: f32) -> Self {
        Figure {
            width_pt,
            height_pt,
            items: Vec::new(),
        }
    }

    /// Fills the polygon `points`.
    pub fn area(&mut self, points: Vec<[f32; 2]>, colour: Rgb, opacity: f32) {
        if points.len() >= 3 {
            self.items.push(Item::Area {
                points,
                colour,
                opacity,
            });
        }
    }

    /// Fills a rectangle.
    pub fn rect(&mut self, [x0, y0]: [f32; 2], [x1, y1]: [f32; 2], colour: Rgb, opacity: f32) {
        self.area(
            vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]],
            colour,
            opacity,
        );
    }

    /// Draws a polyline.
    pub fn line(
        &mut self,
        points: Vec<[f32; 2]>,
        colour: Rgb,
        width_pt: f32,
        dash: Option<[f32; 2]>,
    ) {
        if points.len() >= 2 {
            self.items.push(Item::Line {
                points,
                colour,
                width_pt,
                dash_pt: dash,
            });
        }
    }

    /// Writes one line of text.
    pub fn label(
        &mut self,
        text: impl Into<String>,
        at: [f32; 2],
        size_pt: f32,
        style: (Weight, Rgb, Anchor),
    ) {
        let (weight, colour, anchor) = style;
        self.items.push(Item::Label {
            text: text.into(),
            at,
            size_pt,
            weight,
            colour,
            anchor,
        });
    }

    /// Every label's text, in order (for tests and for checking what a
    /// figure says).
    pub fn texts(&self) -> Vec<&str> {
        self.items
            .iter()
            .filter_map(|item| match item {
                Item::Label { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The corners of the box that holds everything drawn (labels by
    /// their measured width, from the top of capitals to below the baseline).
    pub fn bounds(&self) -> ([f32; 2], [f32; 2]) {
        let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
        let mut take = |[x, y]: [f32; 2]| {
            lo = [lo[0].min(x), lo[1].min(y)];
            hi = [hi[0].max(x), hi[1].max(y)];
        };
        for item in &self.items {
            match item {
                Item::Area { points, .. } | Item::Line { points, .. } => {
                    points.iter().copied().for_each(&mut take);
                }
                Item::Label {
                    text,
                    at: [x, y],
                    size_pt,
                    weight,
                    anchor,
                    ..
                } => {
                    let start = anchored_x(*x, *anchor, *weight, *size_pt, text);
                    take([start, y - size_pt * 0.75]);
                    take([
                        start + fonts::width_pt(*weight, *size_pt, text),
                        y + size_pt * 0.25,
                    ]);
                }
            }
        }
        (lo, hi)
    }

    /// Moves every item by (`dx`, `dy`) and adds them to `self`.
    pub fn place(&mut self, other: Figure, dx: f32, dy: f32) {
        let shift =
            |points: Vec<[f32; 2]>| points.into_iter().map(|[x, y]| [x + dx, y + dy]).collect();
        for item in other.items {
            self.items.push(match item {
                Item::Area {
                    points,
                    colour,
                    opacity,
                } => Item::Area {
                    points: shift(points),
                    colour,
                    opacity,
                },
                Item::Line {
                    points,
                    colour,
                    width_pt,
                    dash_pt,
                } => Item::Line {
                    points: shift(points),
                    colour,
                    width_pt,
                    dash_pt,
                },
                Item::Label {
                    text,
                    at: [x, y],
                    size_pt,
                    weight,
                    colour,
                    anchor,
                } => Item::Label {
                    text,
                    at: [x + dx, y + dy],
                    size_pt,
                    weight,
                    colour,
                    anchor,
                },
            });
        }
    }
}

/// Where a label starts so that `anchor` falls on `x`.
pub fn anchored_x(x: f32, anchor: Anchor, weight: Weight, size_pt: f32, text: &str) -> f32 {
    match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - fonts::width_pt(weight, size_pt, text) / 2.0,
        Anchor::End => x - fonts::width_pt(weight, size_pt, text),
    }
}
