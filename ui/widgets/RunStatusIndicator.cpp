#include "widgets/RunStatusIndicator.h"

#include "models/RunStatus.h"
#include "run/RunController.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

#include <algorithm>

namespace fp::ui {

RunStatusIndicator::RunStatusIndicator(RunController *controller, QWidget *parent) : QWidget(parent) {
    setObjectName(QStringLiteral("status.run"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("status.runText"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("status.runProgress"));
    m_progress->setMaximumWidth(120);
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_label);
    layout->addWidget(m_progress);
    connect(controller, &RunController::started, this, [this](const QString &trial) {
        m_trial = trial;
        m_strategy.clear();
        m_round = 0;
        show(State::Starting);
    });
    connect(controller, &RunController::runStarted, this, [this](qint64 runId, const QString &strategy) {
        m_runId = runId;
        m_strategy = strategy;
        m_round = 0;
        show(State::Running);
    });
    connect(controller, &RunController::progressed, this,
            [this](qint64 runId, int round, int rounds, const QString &phase, int done, int total) {
                m_runId = runId;
                m_round = round;
                m_rounds = rounds;
                m_phase = phase;
                m_done = done;
                m_total = total;
                show(State::Running);
            });
    connect(controller, &RunController::finished, this, [this](bool ok, bool cancelled, const QString &, bool paused) {
        show(cancelled ? State::Cancelled : paused ? State::Paused : ok ? State::Finished : State::Failed);
    });
    updateText();
}

QString RunStatusIndicator::text() const { return m_label->text(); }

void RunStatusIndicator::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange) {
        updateText();
    }
    QWidget::changeEvent(event);
}

void RunStatusIndicator::show(State state) {
    m_state = state;
    const bool busy = state == State::Starting || state == State::Running;
    m_progress->setVisible(busy);
    if (busy && m_rounds > 0 && m_round > 0) {
        m_progress->setRange(0, m_rounds);
        m_progress->setValue(m_round - 1);
    } else if (busy) {
        m_progress->setRange(0, 0); // busy, no round yet
    }
    updateText();
}

void RunStatusIndicator::updateText() {
    const QString trial = m_trial.isEmpty() ? tr("resumed runs") : tr("“%1”", "a trial's name in quotes").arg(m_trial);
    switch (m_state) {
    case State::Idle: m_label->setText(tr("No run in progress")); break;
    case State::Starting: m_label->setText(tr("Starting %1 …").arg(trial)); break;
    case State::Running:
        if (m_round == 0) {
            m_label->setText(tr("Running %1 · run %2 (%3)").arg(trial).arg(m_runId).arg(m_strategy));
        } else {
            QString phase = runPhaseText(m_phase);
            if (m_total > 1) {
                phase = tr("%1 %2/%3").arg(phase).arg(m_done).arg(m_total);
            }
            m_label->setText(tr("Running %1 · run %2 (%3) · round %4/%5 · %6")
                                 .arg(trial)
                                 .arg(m_runId)
                                 .arg(m_strategy)
                                 .arg(m_round)
                                 .arg(m_rounds)
                                 .arg(phase));
        }
        break;
    case State::Finished: m_label->setText(tr("%1 finished").arg(trial)); break;
    case State::Cancelled: m_label->setText(tr("%1 cancelled (resumable)").arg(trial)); break;
    case State::Paused: m_label->setText(tr("%1 paused after a round (resumable)").arg(trial)); break;
    case State::Failed: m_label->setText(tr("%1 stopped with an error").arg(trial)); break;
    }
}

} // namespace fp::ui
