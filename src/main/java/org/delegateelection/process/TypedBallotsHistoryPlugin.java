package org.delegateelection.process;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the ballots typed into the form of steps 20 and 23 ({@link TaskDecisions#TYPED_BALLOTS}, CSV text, one line
 * per ballot) out of the engine's history: the history events of that variable — its creation, updates and deletion
 * ({@code ACT_HI_VARINST}, {@code ACT_HI_DETAIL}) and the form field submitted through a form
 * ({@code ACT_HI_DETAIL}, type FormProperty) — are dropped before any history event handler sees them. Of the ballots
 * only their counts are kept (secret ballot, 《中国共产党地方组织选举工作条例》 art. 6; {@link BallotBatches}); every other
 * value of a completion stays in the history (history level full, unchanged, so existing databases start as before).
 */
@Component
public class TypedBallotsHistoryPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new WithoutTypedBallots(configuration.getHistoryEventHandler()));
    }

    /** The engine's history event handler, passed every event but those of the typed ballots. */
    private record WithoutTypedBallots(HistoryEventHandler handler) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!ofTypedBallots(event)) {
                handler.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            handler.handleEvents(events.stream().filter(event -> !ofTypedBallots(event)).toList());
        }

        private static boolean ofTypedBallots(HistoryEvent event) {
            return event instanceof HistoricVariableUpdateEventEntity variable
                    && TaskDecisions.TYPED_BALLOTS.equals(variable.getVariableName())
                    || event instanceof HistoricFormPropertyEventEntity field
                    && TaskDecisions.TYPED_BALLOTS.equals(field.getPropertyId());
        }
    }
}
