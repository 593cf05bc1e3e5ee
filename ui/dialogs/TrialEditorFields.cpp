// The fields TrialEditorDialog shows, by tab (docs/trial-format.md).
#include "dialogs/TrialEditorFields.h"
#include "dialogs/TrialEditorDialog.h"

namespace fp::ui {
namespace {

using Kind = TrialDocument::Kind;

// clang-format off
const FieldSpec kGeneral[] = {
    {"name", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Name"), Kind::Text, {}, ""},
    {"model.path", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Model (llama2.c .bin or Hugging Face folder)"), Kind::Text, {}, ""},
    {"model.tokenizer", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Tokenizer"), Kind::Text, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "the model's own")},
    {"model.max_tokens", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Training tokens per sample"), Kind::Number, {}, "256"},
    {"model.feature_tokens", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Feature tokens per sample"), Kind::Number, {}, "256"},
    {"model.truncation", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Truncation"), Kind::Text, {"prompt-start", "reference"}, "prompt-start"},
    {"model.prompt_template", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Prompt template"), Kind::Text, {"alpaca", "reference", "reference-plain"}, "alpaca"},
    {"lora.rank", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "LoRA rank"), Kind::Number, {}, "8"},
    {"lora.alpha", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "LoRA alpha"), Kind::Number, {}, "16"},
    {"lora.dropout", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "LoRA dropout"), Kind::Number, {}, "0.05"},
    {"lora.target_modules", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "LoRA target modules (one per line)"), Kind::Lines, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "all seven")},
    {"aggregation", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Aggregation"), Kind::Text, {"fedavg", "flexlora"}, "fedavg"},
};
const FieldSpec kSite[] = {
    {"sites[#].name", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Site name"), Kind::Text, {}, ""},
    {"sites[#].data", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Data files or folders (one per line)"), Kind::Lines, {}, ""},
    {"sites[#].partition.scheme", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Partition"), Kind::Text, {"task", "dirichlet", "iid"}, "task"},
    {"sites[#].partition.clients", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Clients (dirichlet, iid)"), Kind::Number, {}, "0"},
    {"sites[#].partition.alpha", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Dirichlet alpha"), Kind::Number, {}, "0.5"},
    {"sites[#].partition.min_samples", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Dirichlet minimum samples per client"), Kind::Number, {}, "0"},
    {"sites[#].max_samples_per_client", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Samples per client at most"), Kind::Number, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "0 (all)")},
    {"sites[#].cost.compute_per_hour", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Compute price per hour"), Kind::Number, {}, "0"},
    {"sites[#].cost.transfer_per_gb", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Transfer price per GB"), Kind::Number, {}, "0"},
};
const FieldSpec kAgent[] = {
    {"sites[#].agent.address", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Agent address (host:port)"), Kind::Text, {}, ""},
    {"sites[#].agent.ca", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "CA file"), Kind::Text, {}, ""},
    {"sites[#].agent.server_name", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "TLS server name"), Kind::Text, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "the host")},
    {"sites[#].agent.token_file", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Token file"), Kind::Text, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "none")},
    {"sites[#].agent.client_cert", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Client certificate (mutual TLS)"), Kind::Text, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "none")},
    {"sites[#].agent.client_key", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Client key (mutual TLS)"), Kind::Text, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "none")},
    {"sites[#].agent.insecure", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Plaintext (loopback test agent only)"), Kind::Bool, {"true", "false"}, "false"},
};
const FieldSpec kSelection[] = {
    {"selection.min_cluster_size", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Client min_cluster_size"), Kind::Number, {}, "5"},
    {"selection.min_samples", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Client min_samples"), Kind::Number, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "0 (= min_cluster_size)")},
    {"selection.server_min_cluster_size", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Server min_cluster_size"), Kind::Number, {}, "2"},
    {"selection.perplexity", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "t-SNE perplexity"), Kind::Number, {}, "30"},
    {"selection.tsne_iterations", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "t-SNE iterations"), Kind::Number, {}, "1000"},
    {"selection.dp_sigma", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "DP noise sigma"), Kind::Number, {}, "0"},
    {"selection.centers", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Center space"), Kind::Text, {"projected", "tsne"}, "projected"},
    {"selection.center_dims", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Projected center dimensions"), Kind::Number, {}, "4"},
    {"selection.hdbscan", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "HDBSCAN definition"), Kind::Text, {"r-dbscan", "python-hdbscan"}, "r-dbscan"},
    {"budget.max_fraction_per_client", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Budget: fraction per client at most"), Kind::Number, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "0 (no limit)")},
    {"budget.max_per_client", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Budget: samples per client at most"), Kind::Number, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "0 (no limit)")},
    {"budget.max_per_round", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Budget: samples per round at most"), Kind::Number, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "0 (no limit)")},
};
const FieldSpec kSchedule[] = {
    {"schedule.rounds", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Rounds"), Kind::Number, {}, "10"},
    {"schedule.participation", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Participation (fraction of clients per round)"), Kind::Number, {}, "0.05"},
    {"schedule.clients_per_round", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Clients per round rounding"), Kind::Text, {"ceil", "floor"}, "ceil"},
    {"schedule.local_epochs", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Local epochs"), Kind::Number, {}, "1"},
    {"schedule.learning_rate", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Learning rate"), Kind::Number, {}, "3e-4"},
    {"schedule.batch_size", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Batch size"), Kind::Number, {}, "1"},
    {"schedule.eval_every", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Evaluate every N rounds"), Kind::Number, {}, "1"},
    {"schedule.seed", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Seed"), Kind::Number, {}, "0"},
};
const FieldSpec kEvaluation[] = {
    {"evaluation.held_out_tasks", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Held-out tasks (one per line)"), Kind::Lines, {}, ""},
    {"evaluation.data", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Central evaluation data (one per line)"), Kind::Lines, {}, ""},
    {"evaluation.samples_per_task", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Samples per task rule"), Kind::Text, {"fixed", "reference"}, "fixed"},
    {"evaluation.max_samples_per_task", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Samples per task at most"), Kind::Number, {}, "20"},
    {"evaluation.max_new_tokens", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "New tokens at most"), Kind::Number, {}, "128"},
    {"evaluation.federated", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Federated evaluation at the sites"), Kind::Bool, {"true", "false"}, "false"},
    {"evaluation.rouge", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Rouge-L definition"), Kind::Text, {"rouge-score", "pltrdy"}, "rouge-score"},
};
const FieldSpec kNetwork[] = {
    {"network.connect_seconds", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Agent connect timeout (s)"), Kind::Number, {}, "10"},
    {"network.call_seconds", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Call deadline (s)"), Kind::Number, {}, "120"},
    {"network.seconds_per_sample", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Deadline per sample (s)"), Kind::Number, {}, "2"},
    {"network.keepalive_seconds", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Keepalive interval (s)"), Kind::Number, {}, "20"},
    {"network.stop_after_failed_rounds", QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "Stop after failed rounds in a row"), Kind::Number, {}, QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", "0 (never)")},
};
// clang-format on

template <size_t N> QList<const FieldSpec *> listOf(const FieldSpec (&fields)[N]) {
    QList<const FieldSpec *> list;
    for (const auto &field : fields) {
        list << &field;
    }
    return list;
}

} // namespace

const QList<const FieldSpec *> &generalFields() {
    static const auto list = listOf(kGeneral);
    return list;
}
const QList<const FieldSpec *> &siteFields() {
    static const auto list = listOf(kSite);
    return list;
}
const QList<const FieldSpec *> &agentFields() {
    static const auto list = listOf(kAgent);
    return list;
}
const QList<const FieldSpec *> &selectionFields() {
    static const auto list = listOf(kSelection);
    return list;
}
const QList<const FieldSpec *> &scheduleFields() {
    static const auto list = listOf(kSchedule);
    return list;
}
const QList<const FieldSpec *> &evaluationFields() {
    static const auto list = listOf(kEvaluation);
    return list;
}
const QList<const FieldSpec *> &networkFields() {
    static const auto list = listOf(kNetwork);
    return list;
}

} // namespace fp::ui
