// SPDX-License-Identifier: MIT
#include "ServiceFilterMenu.h"

#include "WaterfallView.h"
#include "model/TextFormat.h"

#include <QAction>
#include <QMenu>
#include <algorithm>

namespace spanscope {

ServiceFilterMenu::ServiceFilterMenu(QMenu* menu, TraceViewState* state, QObject* parent)
    : QObject(parent), m_menu(menu), m_state(state)
{
    connect(state, &TraceViewState::analysisChanged, this, &ServiceFilterMenu::rebuild);
    connect(state, &TraceViewState::hiddenServicesChanged, this, &ServiceFilterMenu::syncChecks);
    rebuild();
}

ServiceFilterMenu::ServiceFilterMenu(QMenu* menu, WaterfallView* view, QObject* parent)
    : ServiceFilterMenu(menu, view->state(), parent)
{}

void ServiceFilterMenu::rebuild()
{
    m_menu->clear();
    const TraceAnalysis* analysis = m_state->analysis();
    m_menu->setEnabled(analysis != nullptr);
    if (!analysis)
        return;
    const TraceData& data = analysis->data;
    std::vector<uint32_t> services;
    std::vector<uint8_t> seen(data.strings.size(), 0);
    for (uint32_t service : data.service) {
        if (!seen[service]) {
            seen[service] = 1;
            services.push_back(service);
        }
    }
    std::sort(services.begin(), services.end(),
              [&](uint32_t a, uint32_t b) { return data.strings.at(a) < data.strings.at(b); });
    QAction* all = m_menu->addAction(tr("Show All"));
    all->setObjectName(QStringLiteral("showAllServices"));
    connect(all, &QAction::triggered, m_state, &TraceViewState::showAllServices);
    m_menu->addSeparator();
    for (uint32_t service : services) {
        QAction* action =
            m_menu->addAction(TextFormat::menuText(TextFormat::serviceOrUnknown(data.strings.at(service))));
        action->setCheckable(true);
        action->setData(service);
        connect(action, &QAction::toggled, this, &ServiceFilterMenu::applyChecks);
    }
    syncChecks();
}

void ServiceFilterMenu::syncChecks()
{
    m_syncing = true;
    for (QAction* action : m_menu->actions()) {
        if (action->isCheckable())
            action->setChecked(!m_state->isServiceHidden(action->data().toUInt()));
    }
    m_syncing = false;
}

void ServiceFilterMenu::applyChecks()
{
    const TraceAnalysis* analysis = m_state->analysis();
    if (m_syncing || !analysis)
        return;
    std::vector<uint8_t> hidden(analysis->data.strings.size(), 0);
    for (QAction* action : m_menu->actions()) {
        if (action->isCheckable() && !action->isChecked())
            hidden[action->data().toUInt()] = 1;
    }
    m_state->setHiddenServices(std::move(hidden));
}

} // namespace spanscope
