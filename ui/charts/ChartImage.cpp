#include "charts/ChartImage.h"

#include <QChart>
#include <QChartView>
#include <QPainter>
#include <QSaveFile>

namespace fp::ui {

QImage chartImage(QChartView *view) { return view->grab().toImage(); }

QImage chartImage(QChart *chart, const QSize &size) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    // Lend the chart to a view that is never shown: it lays the chart out at the view's size and draws it.
    QChartView view;
    view.setRenderHint(QPainter::Antialiasing);
    view.setFrameShape(QFrame::NoFrame);
    view.setChart(chart);
    view.resize(size);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    view.render(&painter);
    painter.end();
    view.setChart(new QChart()); // give chart back; the view deletes only this placeholder
    return image;
}

Result<void> savePng(const QImage &image, const QString &path) {
    QSaveFile file(path);
    if (image.isNull() || !file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        return fail(ErrorCode::Io,
                    "cannot write " + path.toStdString() + ": " +
                        (image.isNull() ? std::string("empty image") : file.errorString().toStdString()));
    }
    return {};
}

} // namespace fp::ui
