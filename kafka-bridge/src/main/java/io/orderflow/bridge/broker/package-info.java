/**
 * Where Kafka is: the in-process single-node KRaft broker of the zero-setup run, the resolution of
 * the bootstrap servers every Kafka client uses, and the topics the application creates at start-up.
 */
package io.orderflow.bridge.broker;
