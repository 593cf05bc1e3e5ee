// The fields TrialEditorDialog shows, by tab (docs/trial-format.md).
#include "dialogs/TrialEditorFields.h"
#include "dialogs/TrialEditorDialog.h"

namespace fp::ui {
namespace {

using Kind = TrialDocument::Kind;
#define FP_FIELD_LABEL(text) QT_TRANSLATE_NOOP("fp::ui::TrialEditorDialog", text)

// clang-format off
const FieldSpec kGeneral[] = {
    {"name", FP_FIELD_LABEL("Name"), Kind::Text, {}, ""},
    {"model.path", FP_FIELD_LABEL("Model (llama2.c .bin or Hugging Face folder)"), Kind::Text, {}, ""},
    {"model.tokenizer", FP_FIELD_LABEL("Tokenizer"), Kind::Text, {}, "the model's own"},
    {"model.max_tokens", FP_FIELD_LABEL("Training tokens per sample"), Kind::Number, {}, "256"},
    {"model.feature_tokens", FP_FIELD_LABEL("Feature tokens per sample"), Kind::Number, {}, "256"},
    {"model.truncation", FP_FIELD_LABEL("Truncation"), Kind::Text, {"prompt-start", "reference"}, "prompt-start"},
    {"model.prompt_template", FP_FIELD_LABEL("Prompt template"), Kind::Text, {"alpaca", "reference", "reference-plain"}, "alpaca"},
    {"lora.rank", FP_FIELD_LABEL("LoRA rank"), Kind::Number, {}, "8"},
    {"lora.alpha", FP_FIELD_LABEL("LoRA alpha"), Kind::Number, {}, "16"},
    {"lora.dropout", FP_FIELD_LABEL("LoRA dropout"), Kind::Number, {}, "0.05"},
    {"lora.target_modules", FP_FIELD_LABEL("LoRA target modules (one per line)"), Kind::Lines, {}, "all seven"},
    {"aggregation", FP_FIELD_LABEL("Aggregation"), Kind::Text, {"fedavg", "flexlora"}, "fedavg"},
};
const FieldSpec kSite[] = {
    {"sites[#].name", FP_FIELD_LABEL("Site name"), Kind::Text, {}, ""},
    {"sites[#].data", FP_FIELD_LABEL("Data files or folders (one per line)"), Kind::Lines, {}, ""},
    {"sites[#].partition.scheme", FP_FIELD_LABEL("Partition"), Kind::Text, {"task", "dirichlet", "iid"}, "task"},
    {"sites[#].partition.clients", FP_FIELD_LABEL("Clients (dirichlet, iid)"), Kind::Number, {}, "0"},
    {"sites[#].partition.alpha", FP_FIELD_LABEL("Dirichlet alpha"), Kind::Number, {}, "0.5"},
    {"sites[#].partition.min_samples", FP_FIELD_LABEL("Dirichlet minimum samples per client"), Kind::Number, {}, "0"},
    {"sites[#].max_samples_per_client", FP_FIELD_LABEL("Samples per client at most"), Kind::Number, {}, "0 (all)"},
    {"sites[#].cost.compute_per_hour", FP_FIELD_LABEL("Compute price per hour"), Kind::Number, {}, "0"},
    {"sites[#].cost.transfer_per_gb", FP_FIELD_LABEL("Transfer price per GB"), Kind::Number, {}, "0"},
};
const FieldSpec kAgent[] = {
    {"sites[#].agent.address", FP_FIELD_LABEL("Agent address (host:port)"), Kind::Text, {}, ""},
    {"sites[#].agent.ca", FP_FIELD_LABEL("CA file"), Kind::Text, {}, ""},
    {"sites[#].agent.server_name", FP_FIELD_LABEL("TLS server name"), Kind::Text, {}, "the host"},
    {"sites[#].agent.token_file", FP_FIELD_LABEL("Token file"), Kind::Text, {}, "none"},
    {"sites[#].agent.client_cert", FP_FIELD_LABEL("Client certificate (mutual TLS)"), Kind::Text, {}, "none"},
    {"sites[#].agent.client_key", FP_FIELD_LABEL("Client key (mutual TLS)"), Kind::Text, {}, "none"},
    {"sites[#].agent.insecure", FP_FIELD_LABEL("Plaintext (loopback test agent only)"), Kind::Bool, {"true", "false"}, "false"},
};
const FieldSpec kSelection[] = {
    {"selection.min_cluster_size", FP_FIELD_LABEL("Client min_cluster_size"), Kind::Number, {}, "5"},
    {"selection.min_samples", FP_FIELD_LABEL("Client min_samples"), Kind::Number, {}, "0 (= min_cluster_size)"},
    {"selection.server_min_cluster_size", FP_FIELD_LABEL("Server min_cluster_size"), Kind::Number, {}, "2"},
    {"selection.perplexity", FP_FIELD_LABEL("t-SNE perplexity"), Kind::Number, {}, "30"},
    {"selection.tsne_iterations", FP_FIELD_LABEL("t-SNE iterations"), Kind::Number, {}, "1000"},
    {"selection.dp_sigma", FP_FIELD_LABEL("DP noise sigma"), Kind::Number, {}, "0"},
    {"selection.centers", FP_FIELD_LABEL("Center space"), Kind::Text, {"projected", "tsne"}, "projected"},
    {"selection.center_dims", FP_FIELD_LABEL("Projected center dimensions"), Kind::Number, {}, "4"},
    {"selection.hdbscan", FP_FIELD_LABEL("HDBSCAN definition"), Kind::Text, {"r-dbscan", "python-hdbscan"}, "r-dbscan"},
    {"budget.max_fraction_per_client", FP_FIELD_LABEL("Budget: fraction per client at most"), Kind::Number, {}, "0 (no limit)"},
    {"budget.max_per_client", FP_FIELD_LABEL("Budget: samples per client at most"), Kind::Number, {}, "0 (no limit)"},
    {"budget.max_per_round", FP_FIELD_LABEL("Budget: samples per round at most"), Kind::Number, {}, "0 (no limit)"},
};
const FieldSpec kSchedule[] = {
    {"schedule.rounds", FP_FIELD_LABEL("Rounds"), Kind::Number, {}, "10"},
    {"schedule.participation", FP_FIELD_LABEL("Participation (fraction of clients per round)"), Kind::Number, {}, "0.05"},
    {"schedule.clients_per_round", FP_FIELD_LABEL("Clients per round rounding"), Kind::Text, {"ceil", "floor"}, "ceil"},
    {"schedule.local_epochs", FP_FIELD_LABEL("Local epochs"), Kind::Number, {}, "1"},
    {"schedule.learning_rate", FP_FIELD_LABEL("Learning rate"), Kind::Number, {}, "3e-4"},
    {"schedule.batch_size", FP_FIELD_LABEL("Batch size"), Kind::Number, {}, "1"},
    {"schedule.eval_every", FP_FIELD_LABEL("Evaluate every N rounds"), Kind::Number, {}, "1"},
    {"schedule.seed", FP_FIELD_LABEL("Seed"), Kind::Number, {}, "0"},
};
const FieldSpec kEvaluation[] = {
    {"evaluation.held_out_tasks", FP_FIELD_LABEL("Held-out tasks (one per line)"), Kind::Lines, {}, ""},
    {"evaluation.data", FP_FIELD_LABEL("Central evaluation data (one per line)"), Kind::Lines, {}, ""},
    {"evaluation.samples_per_task", FP_FIELD_LABEL("Samples per task rule"), Kind::Text, {"fixed", "reference"}, "fixed"},
    {"evaluation.max_samples_per_task", FP_FIELD_LABEL("Samples per task at most"), Kind::Number, {}, "20"},
    {"evaluation.max_new_tokens", FP_FIELD_LABEL("New tokens at most"), Kind::Number, {}, "128"},
    {"evaluation.federated", FP_FIELD_LABEL("Federated evaluation at the sites"), Kind::Bool, {"true", "false"}, "false"},
    {"evaluation.rouge", FP_FIELD_LABEL("Rouge-L definition"), Kind::Text, {"rouge-score", "pltrdy"}, "rouge-score"},
};
const FieldSpec kNetwork[] = {
    {"network.connect_seconds", FP_FIELD_LABEL("Agent connect timeout (s)"), Kind::Number, {}, "10"},
    {"network.call_seconds", FP_FIELD_LABEL("Call deadline (s)"), Kind::Number, {}, "120"},
    {"network.seconds_per_sample", FP_FIELD_LABEL("Deadline per sample (s)"), Kind::Number, {}, "2"},
    {"network.keepalive_seconds", FP_FIELD_LABEL("Keepalive interval (s)"), Kind::Number, {}, "20"},
    {"network.stop_after_failed_rounds", FP_FIELD_LABEL("Stop after failed rounds in a row"), Kind::Number, {}, "0 (never)"},
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
