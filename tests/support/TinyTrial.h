#pragma once
// The UI tests' two-site trial, small enough that a round takes well under a second: stories260K, 4 clients of 12
// samples from NI-v1 tasks of ../shared, one held-out task evaluated every round.

#include <QFile>
#include <QString>

namespace fp::test {

// strategies: the JSON entries of "strategies", e.g. "\"fedhds\", \"fedit\"".
inline QString tinyTrialJson(const QString &shared, const QString &name, int rounds,
                             const QString &strategies = QStringLiteral("\"fedhds\", \"fedit\"")) {
    const QString t = shared + QStringLiteral("/data/natural-instructions-v1/tasks/");
    return QStringLiteral(R"({
  "name": "%5",
  "model": {"path": "%1/models/stories260K/stories260K.bin", "max_tokens": 96, "feature_tokens": 48},
  "sites": [
    {"name": "north", "data": ["%2subtask053_multirc_correct_bad_question.json",
                               "%2subtask008_mctaco_wrong_answer_generation_transient_stationary.json"],
     "max_samples_per_client": 12},
    {"name": "south", "data": ["%2subtask006_mctaco_question_generation_transient_stationary.json",
                               "%2subtask045_miscellaneous_sentence_paraphrasing.json"],
     "max_samples_per_client": 12}
  ],
  "strategies": [%4],
  "selection": {"min_cluster_size": 3, "tsne_iterations": 250},
  "schedule": {"rounds": %3, "participation": 1.0, "learning_rate": 1e-3, "seed": 5},
  "evaluation": {"held_out_tasks": ["subtask045_miscellaneous_sentence_paraphrasing"], "max_samples_per_task": 2,
                 "max_new_tokens": 8, "data": ["%2subtask045_miscellaneous_sentence_paraphrasing.json"]}
})")
        .arg(shared, t, QString::number(rounds), strategies, name);
}

// Writes text (UTF-8) to path; returns path, or an empty string when it cannot be written.
inline QString writeText(const QString &path, const QString &text) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return {};
    }
    f.write(text.toUtf8());
    return path;
}

} // namespace fp::test
