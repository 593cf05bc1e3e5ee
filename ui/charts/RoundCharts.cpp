#include "charts/RoundCharts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QFont>
#include <QLineSeries>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace fp::ui {
namespace {

void clear(QChart *chart) {
    chart->removeAllSeries();
    for (auto *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

// A value axis from zero to a little above the largest value, so that heights read as ratios.
QValueAxis *valueAxis(QChart *chart, const QString &title, double max) {
    auto *axis = new QValueAxis(chart);
    axis->setTitleText(title);
    axis->setRange(0.0, max > 0.0 && std::isfinite(max) ? 1.1 * max : 1.0);
    axis->applyNiceNumbers();
    axis->setLabelFormat(max >= 10.0 ? QStringLiteral("%.0f") : QStringLiteral("%.2g"));
    chart->addAxis(axis, Qt::AlignLeft);
    return axis;
}

const engine::EvaluationRecord *centralEvaluation(const storage::RoundDetail &round) {
    for (const auto &e : round.evaluations) {
        if (e.scope == storage::kCentralScope) {
            return &e;
        }
    }
    return nullptr;
}

// value(run, i) -> y of run.rounds[i], or NaN to leave the round out (not evaluated).
template <typename Value>
void lineChart(QChart *chart, std::span<const storage::RunDetail> runs, const QString &yTitle, Value value) {
    auto *x = new QValueAxis(chart);
    x->setTitleText(RoundCharts::tr("Round"));
    x->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(x, Qt::AlignBottom);
    int rounds = 1;
    double max = 0.0;
    std::vector<QLineSeries *> series;
    for (const auto &run : runs) {
        auto *line = new QLineSeries(chart);
        line->setName(RoundCharts::runLabel(run.summary));
        line->setPointsVisible(true);
        for (size_t i = 0; i < run.rounds.size(); ++i) {
            const double y = value(run, i);
            if (std::isfinite(y)) {
                line->append(run.rounds[i].round, y);
                max = std::max(max, y);
            }
        }
        rounds = std::max({rounds, run.summary.plannedRounds, int(run.rounds.size())});
        series.push_back(line);
    }
    x->setRange(rounds > 1 ? 1 : 0, rounds);
    x->setTickCount(std::min(rounds, 10) + (rounds > 1 ? 0 : 1));
    QValueAxis *y = valueAxis(chart, yTitle, max);
    for (auto *line : series) {
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
}

void bytesChart(QChart *chart, std::span<const storage::RunDetail> runs) {
    // Sites in the order the runs name them; categories: one per round and run.
    std::vector<std::string> sites;
    double max = 0.0;
    for (const auto &run : runs) {
        for (const auto &site : run.sites) {
            if (std::find(sites.begin(), sites.end(), site.name) == sites.end()) {
                sites.push_back(site.name);
            }
        }
        for (const auto &round : run.rounds) {
            max = std::max(max, double(round.bytesDown + round.bytesUp));
        }
    }
    const bool mega = max >= 1e6;
    const double unit = mega ? 1e6 : 1e3;
    QStringList categories;
    std::map<std::string, QBarSet *> sets;
    auto *series = new QStackedBarSeries(chart);
    for (const auto &name : sites) {
        auto *set = new QBarSet(QString::fromStdString(name));
        sets[name] = set;
        series->append(set);
    }
    for (const auto &run : runs) {
        for (const auto &round : run.rounds) {
            // Several runs: "run·round" (the legend of the other charts names the runs), short enough for the axis.
            categories << (runs.size() > 1
                               ? RoundCharts::tr("%1·%2", "run id, round").arg(run.summary.id).arg(round.round)
                               : QString::number(round.round));
            std::map<std::string, double> bytes;
            for (const auto &c : round.clients) {
                bytes[c.site] += double(c.bytesDown + c.bytesUp);
            }
            for (const auto &name : sites) {
                *sets[name] << bytes[name] / unit;
            }
        }
    }
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis(chart);
    x->setTitleText(runs.size() > 1 ? RoundCharts::tr("Run · round") : RoundCharts::tr("Round"));
    x->append(categories);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(valueAxis(chart, mega ? RoundCharts::tr("MB") : RoundCharts::tr("kB"), max / unit));
}

// Linear interpolation between order statistics (as numpy's default percentile).
double quantile(const std::vector<double> &sorted, double q) {
    const double at = q * double(sorted.size() - 1);
    const auto below = size_t(std::floor(at));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (at - double(below)) * (sorted[above] - sorted[below]);
}

void samplesChart(QChart *chart, std::span<const storage::RunDetail> runs) {
    int rounds = 0;
    double max = 0.0;
    std::vector<QBoxPlotSeries *> series;
    for (const auto &run : runs) {
        auto *boxes = new QBoxPlotSeries(chart);
        boxes->setName(RoundCharts::runLabel(run.summary));
        for (const auto &round : run.rounds) {
            std::vector<double> selected;
            for (const auto &c : round.clients) {
                selected.push_back(double(c.selected));
            }
            std::sort(selected.begin(), selected.end());
            if (selected.empty()) {
                selected.push_back(0.0);
            }
            max = std::max(max, selected.back());
            boxes->append(new QBoxSet(selected.front(), quantile(selected, 0.25), quantile(selected, 0.5),
                                      quantile(selected, 0.75), selected.back(), QString::number(round.round)));
        }
        rounds = std::max(rounds, int(run.rounds.size()));
        series.push_back(boxes);
    }
    auto *x = new QBarCategoryAxis(chart);
    x->setTitleText(RoundCharts::tr("Round"));
    for (int r = 1; r <= rounds; ++r) {
        x->append(QString::number(r));
    }
    chart->addAxis(x, Qt::AlignBottom);
    QValueAxis *y = valueAxis(chart, RoundCharts::tr("Samples"), max);
    for (auto *boxes : series) {
        chart->addSeries(boxes);
        boxes->attachAxis(x);
        boxes->attachAxis(y);
    }
}

} // namespace

QString RoundCharts::fileStem(RoundChart kind) {
    switch (kind) {
    case RoundChart::RougeL: return QStringLiteral("rouge-l");
    case RoundChart::Loss: return QStringLiteral("loss");
    case RoundChart::Cost: return QStringLiteral("cost");
    case RoundChart::Bytes: return QStringLiteral("bytes");
    case RoundChart::Samples: return QStringLiteral("samples");
    }
    return {};
}

QString RoundCharts::title(RoundChart kind) {
    switch (kind) {
    case RoundChart::RougeL: return tr("Rouge-L per round (held-out tasks)");
    case RoundChart::Loss: return tr("Held-out loss per round");
    case RoundChart::Cost: return tr("Cumulative cost");
    case RoundChart::Bytes: return tr("Bytes per round, by site");
    case RoundChart::Samples: return tr("Samples selected per client");
    }
    return {};
}

QString RoundCharts::runLabel(const storage::RunSummary &run) {
    return tr("%1 (run %2)").arg(QString::fromStdString(run.strategy)).arg(run.id);
}

void RoundCharts::fill(QChart *chart, RoundChart kind, std::span<const storage::RunDetail> runs) {
    clear(chart);
    chart->setTitle(title(kind));
    switch (kind) {
    case RoundChart::RougeL:
        lineChart(chart, runs, tr("Rouge-L (%)"), [](const storage::RunDetail &run, size_t i) {
            const auto *e = centralEvaluation(run.rounds[i]);
            return e ? 100.0 * e->rougeL : std::nan("");
        });
        break;
    case RoundChart::Loss:
        lineChart(chart, runs, tr("Loss"), [](const storage::RunDetail &run, size_t i) {
            const auto *e = centralEvaluation(run.rounds[i]);
            return e ? e->loss : std::nan("");
        });
        break;
    case RoundChart::Cost:
        lineChart(chart, runs, tr("Cost"), [](const storage::RunDetail &run, size_t i) {
            double total = 0.0;
            for (size_t j = 0; j <= i; ++j) {
                total += run.rounds[j].cost;
            }
            return total;
        });
        break;
    case RoundChart::Bytes: bytesChart(chart, runs); break;
    case RoundChart::Samples: samplesChart(chart, runs); break;
    }
    // Small charts (a grid of five on the Monitor page): axis titles a little smaller than Qt's bold default, so
    // that they fit beside the plot instead of being elided.
    for (auto *axis : chart->axes()) {
        QFont font = axis->titleFont();
        font.setPointSizeF(font.pointSizeF() * 0.85);
        font.setBold(false);
        axis->setTitleFont(font);
    }
}

} // namespace fp::ui
