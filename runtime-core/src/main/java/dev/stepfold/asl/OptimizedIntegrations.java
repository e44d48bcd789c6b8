package dev.stepfold.asl;

import static dev.stepfold.asl.TaskResource.IntegrationPattern.REQUEST_RESPONSE;
import static dev.stepfold.asl.TaskResource.IntegrationPattern.SYNC;
import static dev.stepfold.asl.TaskResource.IntegrationPattern.SYNC_2;
import static dev.stepfold.asl.TaskResource.IntegrationPattern.WAIT_FOR_TASK_TOKEN;

import dev.stepfold.asl.TaskResource.IntegrationPattern;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The optimized service integrations ({@code arn:aws:states:::<service>:<action>[pattern]}), each action with the
 * integration patterns AWS offers for it, from the service pages of the Step Functions developer guide. Anything not
 * listed (for example {@code dynamodb:query}, which only the {@code aws-sdk} integration offers) is not recognized.
 */
final class OptimizedIntegrations {
  private static final Map<String, Set<IntegrationPattern>> ACTIONS = new HashMap<>();

  static {
    var rr = EnumSet.of(REQUEST_RESPONSE);
    var rrSync = EnumSet.of(REQUEST_RESPONSE, SYNC);
    var rrToken = EnumSet.of(REQUEST_RESPONSE, WAIT_FOR_TASK_TOKEN);
    var all = EnumSet.of(REQUEST_RESPONSE, SYNC, WAIT_FOR_TASK_TOKEN);

    add("lambda", rrToken, "invoke");
    add("sns", rrToken, "publish");
    add("sqs", rrToken, "sendMessage");
    add("events", rrToken, "putEvents");
    add("apigateway", rrToken, "invoke");
    add("http", rr, "invoke");
    add("dynamodb", rr, "getItem", "putItem", "updateItem", "deleteItem");
    add("states", EnumSet.of(REQUEST_RESPONSE, SYNC, SYNC_2, WAIT_FOR_TASK_TOKEN), "startExecution");
    add("batch", rrSync, "submitJob");
    add("ecs", all, "runTask");
    add("eks", rrSync, "createCluster", "deleteCluster", "createFargateProfile", "deleteFargateProfile",
        "createNodegroup", "deleteNodegroup", "runJob");
    add("eks", rr, "call");
    add("glue", rrSync, "startJobRun");
    add("databrew", rrSync, "startJobRun");
    add("athena", rrSync, "startQueryExecution");
    add("athena", rr, "stopQueryExecution", "getQueryExecution", "getQueryResults");
    add("codebuild", rrSync, "startBuild", "startBuildBatch", "retryBuildBatch");
    add("codebuild", rr, "stopBuild", "batchDeleteBuilds", "batchGetReports", "stopBuildBatch", "deleteBuildBatch");
    add("elasticmapreduce", rrSync, "createCluster", "terminateCluster", "addStep");
    add("elasticmapreduce", rr, "cancelStep", "setClusterTerminationProtection", "modifyInstanceFleetByName",
        "modifyInstanceGroupByName");
    add("emr-containers", rrSync, "startJobRun", "deleteVirtualCluster");
    add("emr-containers", rr, "createVirtualCluster");
    add("emr-serverless", rrSync, "createApplication", "startApplication", "stopApplication", "deleteApplication",
        "startJobRun", "cancelJobRun");
    add("mediaconvert", rrSync, "createJob");
    add("sagemaker", rrSync, "createTrainingJob", "createTransformJob", "createProcessingJob",
        "createHyperParameterTuningJob", "createLabelingJob");
    add("sagemaker", rr, "createModel", "createEndpointConfig", "createEndpoint", "updateEndpoint");
    add("bedrock", rr, "invokeModel");
    add("bedrock", all, "createModelCustomizationJob");
  }

  private OptimizedIntegrations() {}

  static boolean supports(String service, String action, IntegrationPattern pattern) {
    var patterns = ACTIONS.get(service + ":" + action);
    return patterns != null && patterns.contains(pattern);
  }

  private static void add(String service, Set<IntegrationPattern> patterns, String... actions) {
    for (var action : actions) {
      ACTIONS.put(service + ":" + action, patterns);
    }
  }
}
