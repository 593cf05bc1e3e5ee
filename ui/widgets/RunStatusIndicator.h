#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace fp::ui {

class RunController;

// The status bar's view of the run in progress: trial, strategy, round and phase as the RunController reports
// them (queued from its thread), with a small progress bar; idle, how the last work ended.
class RunStatusIndicator : public QWidget {
    Q_OBJECT
public:
    explicit RunStatusIndicator(RunController *controller, QWidget *parent = nullptr);

    [[nodiscard]] QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class State { Idle, Starting, Running, Finished, Cancelled, Paused, Failed };
    void show(State state);
    void updateText();

    QLabel *m_label = nullptr;
    QProgressBar *m_progress = nullptr;
    State m_state = State::Idle;
    QString m_trial;
    QString m_strategy;
    qint64 m_runId = 0;
    int m_round = 0;
    int m_rounds = 0;
    QString m_phase;
    int m_done = 0;
    int m_total = 0;
};

} // namespace fp::ui
