//! A [`Figure`] rendered to a PNG off-screen with tiny-skia, on white, at
//! a scale of pixels per point: the same vector paths and glyph outlines
//! the PDF draws.

use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, StrokeDash, Transform,
};

use super::figure::{Figure, Item, Rgb, anchored_x};
use super::fonts;

/// Why a figure could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    /// The figure is empty or too large to render.
    #[error("a picture of {0} × {1} pixels cannot be made")]
    Size(u32, u32),
    /// The PNG could not be encoded.
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
}

/// The largest side rendered, in pixels.
const MAX_SIDE_PX: f32 = 8_000.0;

/// `figure` as a PNG at `pixels_per_point`.
pub fn png(figure: &Figure, pixels_per_point: f32) -> Result<Vec<u8>, RasterError> {
    let width = (figure.width_pt * pixels_per_point).round();
    let height = (figure.height_pt * pixels_per_point).round();
    let too_big = |v: f32| !(1.0..=MAX_SIDE_PX).contains(&v);
    if too_big(width) || too_big(height) {
        return Err(RasterError::Size(
            width.max(0.0) as u32,
            height.max(0.0) as u32,
        ));
    }
    let mut pixmap = Pixmap::new(width as u32, height as u32)
        .ok_or(RasterError::Size(width as u32, height as u32))?;
    pixmap.fill(Color::WHITE);
    let scale = Transform::from_scale(pixels_per_point, pixels_per_point);
    for item in &figure.items {
        match item {
            Item::Area {
                points,
                colour,
                opacity,
            } => {
                if let Some(path) = polyline(points, true) {
                    pixmap.fill_path(
                        &path,
                        &paint(*colour, *opacity),
                        FillRule::Winding,
                        scale,
                        None,
                    );
                }
            }
            Item::Line {
                points,
                colour,
                width_pt,
                dash_pt,
            } => {
                if let Some(path) = polyline(points, false) {
                    let stroke = Stroke {
                        width: *width_pt,
                        line_cap: LineCap::Butt,
                        line_join: LineJoin::Round,
                        dash: dash_pt.and_then(|[on, off]| StrokeDash::new(vec![on, off], 0.0)),
                        ..Stroke::default()
                    };
                    pixmap.stroke_path(&path, &paint(*colour, 1.0), &stroke, scale, None);
                }
            }
            Item::Label {
                text,
                at: [x, y],
                size_pt,
                weight,
                colour,
                anchor,
            } => {
                let mut pen = Pen(PathBuilder::new());
                let start = anchored_x(*x, *anchor, *weight, *size_pt, text);
                fonts::outline(*weight, *size_pt, text, start, *y, &mut pen);
                if let Some(path) = pen.0.finish() {
                    pixmap.fill_path(&path, &paint(*colour, 1.0), FillRule::Winding, scale, None);
                }
            }
        }
    }
    pixmap
        .encode_png()
        .map_err(|e| RasterError::Encode(e.to_string()))
}

fn paint(c: Rgb, opacity: f32) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(
        c.0,
        c.1,
        c.2,
        (opacity.clamp(0.0, 1.0) * 255.0).round() as u8,
    );
    paint.anti_alias = true;
    paint
}

fn polyline(points: &[[f32; 2]], closed: bool) -> Option<tiny_skia::Path> {
    let mut builder = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    builder.move_to(first[0], first[1]);
    for p in rest {
        builder.line_to(p[0], p[1]);
    }
    if closed {
        builder.close();
    }
    builder.finish()
}

/// Glyph outlines into a tiny-skia path.
struct Pen(PathBuilder);

impl skrifa::outline::OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, cy0, x, y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, cy0, cx1, cy1, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::figure::{Anchor, ink};
    use crate::report::fonts::Weight;

    #[test]
    fn a_figure_renders_at_its_scale_with_ink_where_drawn() {
        let mut figure = Figure::new(100.0, 50.0);
        figure.rect([10.0, 10.0], [30.0, 30.0], ink::BLUE, 1.0);
        figure.label(
            "Age",
            [60.0, 30.0],
            12.0,
            (Weight::Regular, ink::TEXT, Anchor::Start),
        );
        let bytes = png(&figure, 2.0).unwrap();
        let image = Pixmap::decode_png(&bytes).unwrap();
        assert_eq!((image.width(), image.height()), (200, 100));
        let at = |x: u32, y: u32| image.pixel(x, y).unwrap();
        assert_eq!(
            (at(40, 40).red(), at(40, 40).green(), at(40, 40).blue()),
            (0x00, 0x72, 0xB2)
        );
        assert_eq!(at(190, 90).red(), 255, "white where nothing is drawn");
        // The text left ink between x 120 and 160.
        let inked = (120..170)
            .flat_map(|x| (35..62).map(move |y| (x, y)))
            .filter(|&(x, y)| at(x, y).red() < 128)
            .count();
        assert!(inked > 20, "{inked}");
        assert!(png(&Figure::new(0.0, 10.0), 2.0).is_err());
    }
}
