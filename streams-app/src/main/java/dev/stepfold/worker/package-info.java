/**
 * Kafka-native task workers: {@link dev.stepfold.worker.TaskWorker} takes the tasks of the resources it serves from the
 * tasks topic, runs a {@link dev.stepfold.worker.TaskHandler} and answers on the commands topic. It needs only Kafka's
 * clients and the project's schemas, not Kafka Streams, so a worker runs in any service next to the cluster.
 */
package dev.stepfold.worker;
