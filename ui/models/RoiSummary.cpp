#include "models/RoiSummary.h"

#include <QStringList>

#include <cmath>
#include <map>
#include <utility>
#include <vector>

namespace fp::ui {

namespace {

bool isFedHdsFamily(const std::string &method) { return method == "fedhds" || method == "fedhds-intra"; }

// A percentage with the digits that matter at its size: 17, 3.1, 0.35.
QString percent(double value) { return QString::number(value, 'f', value >= 10.0 ? 0 : value >= 1.0 ? 1 : 2); }

// Rouge-L keeps one decimal even above 10 % (12.5 vs 12.0 is a difference people look at).
QString rougeL(double fraction) {
    const double value = 100.0 * fraction;
    return QString::number(value, 'f', value >= 1.0 ? 1 : 2);
}

struct TrialBest {
    std::string name;
    const storage::RunSummary *fedhds = nullptr;
    const storage::RunSummary *full = nullptr;
};

void keepBest(const storage::RunSummary *&best, const storage::RunSummary &run) {
    if (!best || *run.lastRougeL > *best->lastRougeL) {
        best = &run;
    }
}

} // namespace

QString RoiSummary::compare(const storage::RunSummary &fedhds, const storage::RunSummary &full) {
    QStringList sentences;
    sentences << tr("FedHDS reached %1 % Rouge-L, against %2 % for FedIT on the full data.")
                     .arg(rougeL(fedhds.lastRougeL.value_or(0.0)), rougeL(full.lastRougeL.value_or(0.0)));
    if (full.cost > 0.0 && fedhds.cost >= 0.0) {
        sentences << tr("It cost %1 % as much.").arg(percent(100.0 * fedhds.cost / full.cost));
    }
    if (fedhds.seconds > 0.0 && full.seconds > 0.0) {
        const double faster = full.seconds / fedhds.seconds;
        if (faster >= 1.05) {
            sentences << tr("It finished %1x faster.").arg(QString::number(faster, 'f', 1));
        } else if (faster <= 1.0 / 1.05) {
            sentences << tr("It took %1x as long.").arg(QString::number(1.0 / faster, 'f', 1));
        } else {
            sentences << tr("It took about as long.");
        }
    }
    if (const double fraction = fedhds.dataFraction(); std::isfinite(fraction)) {
        sentences << tr("It trained on %1 % of the data.").arg(percent(100.0 * fraction));
    }
    // Languages differ in what goes between sentences (English a space, Japanese nothing after 。).
    QString text = sentences.takeFirst();
    for (const QString &sentence : std::as_const(sentences)) {
        text = tr("%1 %2", "one sentence followed by the next").arg(text, sentence);
    }
    return text;
}

QString RoiSummary::describe(std::span<const storage::RunSummary> runs) {
    std::vector<int64_t> order;
    std::map<int64_t, TrialBest> trials;
    for (const auto &run : runs) {
        if (run.status != storage::kRunCompleted || !run.lastRougeL) {
            continue;
        }
        auto [it, added] = trials.try_emplace(run.trialId);
        if (added) {
            order.push_back(run.trialId);
            it->second.name = run.trial;
        }
        if (isFedHdsFamily(run.method)) {
            keepBest(it->second.fedhds, run);
        } else if (run.method == "full") {
            keepBest(it->second.full, run);
        }
    }
    QStringList paragraphs;
    for (const int64_t id : order) {
        const TrialBest &trial = trials.at(id);
        QString text;
        if (trial.fedhds && trial.full) {
            text = compare(*trial.fedhds, *trial.full);
        } else if (trial.fedhds) {
            text = tr("FedHDS reached %1 % Rouge-L. Run FedIT (full data) on the same trial to compare.")
                       .arg(rougeL(*trial.fedhds->lastRougeL));
        } else if (trial.full) {
            text = tr("FedIT on the full data reached %1 % Rouge-L. Run FedHDS on the same trial to compare.")
                       .arg(rougeL(*trial.full->lastRougeL));
        } else {
            text = tr("Run FedHDS and FedIT (full data) on this trial to compare them.");
        }
        paragraphs << tr("%1: %2", "trial name: its summary").arg(QString::fromStdString(trial.name), text);
    }
    return paragraphs.join(QStringLiteral("\n\n"));
}

} // namespace fp::ui
