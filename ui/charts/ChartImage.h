#pragma once

#include "fedpilot/engine/Error.h"

#include <QImage>
#include <QSize>
#include <QString>

class QChart;
class QChartView;

namespace fp::ui {

// Charts as images: PNG export on every page that shows a chart, and the pictures in the PDF report. GUI thread
// only (charts are graphics items).

// The chart as the view shows it, at the view's size (device pixels).
[[nodiscard]] QImage chartImage(QChartView *view);
// A chart that no view shows, drawn at size (logical pixels, device pixel ratio 1). The chart stays the caller's.
[[nodiscard]] QImage chartImage(QChart *chart, const QSize &size);
// Writes image as a PNG at path, replacing the file only once it is complete. Errors: Io, naming the file.
Result<void> savePng(const QImage &image, const QString &path);

} // namespace fp::ui
