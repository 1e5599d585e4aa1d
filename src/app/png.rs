//! Writing a captured part of the window as a PNG file.

use std::path::Path;

/// Why a chart could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The chart was scrolled or hidden away when the window was captured.
    #[error("the chart was not on screen")]
    OffScreen,
    /// The image could not be encoded.
    #[error("cannot encode the PNG: {0}")]
    Encode(#[from] image::ImageError),
    /// The file could not be written.
    #[error("cannot write: {0}")]
    Write(#[from] crate::store::WriteError),
}

/// Crops `image` to `rect` (in points) and writes it to `path` as a PNG,
/// atomically and readable by its owner only.
pub fn save_region(
    image: &egui::ColorImage,
    rect: egui::Rect,
    pixels_per_point: f32,
    path: &Path,
) -> Result<(), PngError> {
    let screen = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(image.width() as f32, image.height() as f32) / pixels_per_point,
    );
    let region = rect.intersect(screen);
    if !region.is_positive() {
        return Err(PngError::OffScreen);
    }
    let cropped = image.region(&region, Some(pixels_per_point));
    let rgba: Vec<u8> = cropped.pixels.iter().flat_map(|c| c.to_array()).collect();
    let [width, height] = cropped.size;
    let mut encoded = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut encoded),
        &rgba,
        width as u32,
        height as u32,
        image::ExtendedColorType::Rgba8,
    )?;
    Ok(crate::store::write_bytes_atomically(path, false, &encoded)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_written_as_a_png_of_its_size() {
        let image = egui::ColorImage::new(
            [40, 30],
            vec![egui::Color32::from_rgb(0, 114, 178); 40 * 30],
        );
        let dir = std::env::temp_dir().join(format!("glidepath-png-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("chart.png");
        save_region(
            &image,
            egui::Rect::from_min_max(egui::pos2(5.0, 5.0), egui::pos2(15.0, 25.0)),
            1.0,
            &path,
        )
        .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        // Width and height in the IHDR chunk.
        assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 10);
        assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 20);
        std::fs::remove_dir_all(dir).ok();
    }
}
