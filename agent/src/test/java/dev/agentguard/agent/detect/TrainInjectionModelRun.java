package dev.agentguard.agent.detect;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Runs the training from Maven; skipped unless -Dagentguard.train=true (see README.md, "Training"). */
@EnabledIfSystemProperty(named = "agentguard.train", matches = "true")
class TrainInjectionModelRun {
  @Test
  void trainAndWriteTheShippedModel() throws Exception {
    Path root = Path.of(System.getProperty("user.dir"));
    TrainInjectionModel.run(root.resolve("../../shared/datasets").normalize(),
        root.resolve("src/main/resources/dev/agentguard/agent/detect/" + InjectionDetector.MODEL_RESOURCE),
        System.out);
  }
}
