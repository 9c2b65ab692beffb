/** Tests of the read models that run the whole module: Flyway, Hibernate validation, Axon processors and queries. */
package io.orderflow.projections;
