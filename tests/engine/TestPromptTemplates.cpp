// Prompt templates (model.prompt_template): the exact strings of the paper's reference code per dataset (Natural
// Instructions tasks, Dolly/Alpaca records), with and without its --use_prompts switch, and the evaluation
// prompt's cut under model.truncation (the reference keeps the first max_tokens tokens of the prompt).
#include "../support/SharedData.h"
#include "federation/ClientWork.h"
#include "fedpilot/engine/InstructionData.h"
#include "fedpilot/engine/Tokenizer.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace fp;
using namespace fp::engine;

namespace {

InstructionSample niSample(const std::string &input = "The sky is blue.") {
    return {"Answer the question.", input, "Yes", "task001", SampleSource::NaturalInstructions};
}

InstructionSample dollySample(const std::string &context) {
    return {"Who wrote Hamlet?", context, "Shakespeare", "open_qa", SampleSource::Record};
}

} // namespace

class TestPromptTemplates : public QObject {
    Q_OBJECT

    std::optional<Tokenizer> m_tokenizer;

private Q_SLOTS:
    void initTestCase() {
        FP_REQUIRE_SHARED_FILE(path, "models/stories260K/tok512.bin");
        auto tokenizer = Tokenizer::loadLlama2c(path);
        QVERIFY2(tokenizer.has_value(), tokenizer ? "" : tokenizer.error().message.c_str());
        m_tokenizer = std::move(*tokenizer);
    }

    void referenceNaturalInstructionsTemplates() {
        // natural_instruction_loader.py with --use_prompts: the input block always, even when empty.
        QCOMPARE(promptText(niSample(), PromptTemplate::Reference),
                 std::string("Below is an instruction that describes a task, paired with an input that provides "
                             "further context. Write a response that appropriately completes the request.\n\n"
                             "### Instruction:\nAnswer the question.\n\n### Input:\nThe sky is blue.\n\n"
                             "### Response:"));
        QCOMPARE(promptText(niSample(""), PromptTemplate::Reference),
                 std::string("Below is an instruction that describes a task, paired with an input that provides "
                             "further context. Write a response that appropriately completes the request.\n\n"
                             "### Instruction:\nAnswer the question.\n\n### Input:\n\n\n### Response:"));
        // Without --use_prompts (the argparse default).
        QCOMPARE(promptText(niSample(), PromptTemplate::ReferencePlain),
                 std::string("Answer the question.\n\nInput: The sky is blue.\n\nOutput:"));
    }

    void referenceRecordTemplates() {
        // llm_dataset.py PROMPT_DICT (Dolly, Alpaca): the input block only with a non-empty input.
        const std::string withInput =
            "Below is an instruction that describes a task, paired with an input that provides further context. "
            "Write a response for the task request.\n\n### Instruction:\nWho wrote Hamlet?\n\n### Input:\n"
            "A play of 1600.\n\n### Response:";
        const std::string withoutInput = "Below is an instruction that describes a task. Write a response for the "
                                         "task request.\n\n### Instruction:\nWho wrote Hamlet?\n\n### Response:";
        QCOMPARE(promptText(dollySample("A play of 1600."), PromptTemplate::Reference), withInput);
        QCOMPARE(promptText(dollySample(""), PromptTemplate::Reference), withoutInput);
        // --use_prompts does not reach the reference's Dolly loader.
        QCOMPARE(promptText(dollySample("A play of 1600."), PromptTemplate::ReferencePlain), withInput);
        QCOMPARE(promptText(dollySample(""), PromptTemplate::ReferencePlain), withoutInput);
    }

    void alpacaStaysTheDefault() {
        QCOMPARE(promptText(dollySample(""), PromptTemplate::Alpaca), alpacaPrompt(dollySample("")));
        QCOMPARE(promptText(niSample(), PromptTemplate::Alpaca),
                 std::string("Below is an instruction that describes a task, paired with an input that provides "
                             "further context. Write a response that appropriately completes the request.\n\n"
                             "### Instruction:\nAnswer the question.\n\n### Input:\nThe sky is blue.\n\n"
                             "### Response:\n"));
    }

    // The readers say where a sample came from, which picks the reference's template.
    void readersRecordTheSampleSource() {
        QTemporaryDir dir;
        const std::string ni = dir.filePath(QStringLiteral("task002_x.json")).toStdString();
        std::ofstream(ni) << R"({"Definition": "Answer.", "Instances": [{"input": "Q?", "output": ["A"]}]})";
        const std::string dolly = dir.filePath(QStringLiteral("dolly.jsonl")).toStdString();
        std::ofstream(dolly) << R"({"instruction": "I", "context": "", "response": "R", "category": "c"})"
                             << "\n";
        auto niData = readInstructionFile(ni);
        auto dollyData = readInstructionFile(dolly);
        QVERIFY(niData && dollyData);
        QCOMPARE(niData->samples.at(0).source, SampleSource::NaturalInstructions);
        QCOMPARE(dollyData->samples.at(0).source, SampleSource::Record);
    }

    // The reference appends the response to the prompt directly and masks the prompt's own tokens.
    void trainingEncodingFollowsTheTemplate() {
        const auto sample = niSample();
        const auto encoded = encodeForTraining(*m_tokenizer, sample, 0, PromptTemplate::ReferencePlain);
        QCOMPARE(encoded.tokens,
                 m_tokenizer->encode(promptText(sample, PromptTemplate::ReferencePlain) + "Yes", true, true));
        const size_t promptTokens =
            m_tokenizer->encode(promptText(sample, PromptTemplate::ReferencePlain), true, false).size();
        QCOMPARE(encoded.labels[promptTokens - 1], EncodedSample::kIgnoreLabel);
        QVERIFY(encoded.labels[promptTokens] != EncodedSample::kIgnoreLabel);
        QVERIFY(encoded.tokens != encodeForTraining(*m_tokenizer, sample, 0).tokens);
    }

    // Evaluation prompts: PromptStart keeps BOS + the prompt's end, Reference the prompt's first max_tokens tokens
    // (as the reference's tokenizer with truncation=True), also within the room the model's context leaves.
    void evaluationPromptCut() {
        const auto sample = niSample(std::string(400, 'x') + " end of a long input");
        const auto whole = m_tokenizer->encode(promptText(sample, PromptTemplate::Reference), true);
        QVERIFY(whole.size() > 100);
        const auto reference =
            detail::generationPrompt(*m_tokenizer, sample, 40, 384, Truncation::Reference, PromptTemplate::Reference);
        QCOMPARE(reference, std::vector<int>(whole.begin(), whole.begin() + 40));
        const auto roomBound =
            detail::generationPrompt(*m_tokenizer, sample, 1000, 30, Truncation::Reference, PromptTemplate::Reference);
        QCOMPARE(roomBound, std::vector<int>(whole.begin(), whole.begin() + 30));
        // The old rule: BOS, then the last room - 1 tokens; max_tokens does not bound it.
        const auto promptStart =
            detail::generationPrompt(*m_tokenizer, sample, 40, 60, Truncation::PromptStart, PromptTemplate::Reference);
        QCOMPARE(promptStart.size(), size_t(60));
        QCOMPARE(promptStart.front(), whole.front());
        QCOMPARE(std::vector<int>(promptStart.begin() + 1, promptStart.end()),
                 std::vector<int>(whole.end() - 59, whole.end()));
        // A prompt that fits is kept whole under either rule.
        const auto shortSample = niSample();
        const auto shortWhole = m_tokenizer->encode(promptText(shortSample, PromptTemplate::Alpaca), true);
        for (auto truncation : {Truncation::PromptStart, Truncation::Reference}) {
            QCOMPARE(detail::generationPrompt(*m_tokenizer, shortSample, int(shortWhole.size()), shortWhole.size(),
                                              truncation, PromptTemplate::Alpaca),
                     shortWhole);
        }
    }
};

QTEST_GUILESS_MAIN(TestPromptTemplates)
#include "TestPromptTemplates.moc"
