package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;

/**
 * The diagrams in processes/ deploy on a bare Camunda engine: the engine's parser accepts every element, every
 * expression's syntax and the history time to live. No Spring and no beans: expressions are only parsed here.
 */
class DiagramDeploymentTest {

    @Test
    void everyProcessDeploysOnABareEngine() throws IOException {
        ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName("diagram-deployment-" + UUID.randomUUID())
                .setJdbcUrl("jdbc:h2:mem:diagram-deployment-" + UUID.randomUUID())
                .setJobExecutorActivate(false)
                .buildProcessEngine();
        try {
            DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("diagrams");
            for (Path file : DiagramLayoutTest.diagrams().toList()) {
                deployment.addString(file.getFileName().toString(), Files.readString(file));
            }
            deployment.deploy();

            List<ProcessDefinition> definitions =
                    engine.getRepositoryService().createProcessDefinitionQuery().list();
            assertThat(definitions).extracting(ProcessDefinition::getKey)
                    .containsExactlyInAnyOrder("delegate-election", "unit-nomination", "national-election");
        } finally {
            engine.close();
        }
    }
}
