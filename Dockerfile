# Builds the runnable application image used by docker-compose.yml.
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl app -am

FROM eclipse-temurin:17.0.15_6-jre
WORKDIR /opt/orderflow
COPY --from=build /src/app/target/app-*.jar /opt/orderflow/orderflow.jar
EXPOSE 8080
ENTRYPOINT ["java", "-Xmx1g", "-jar", "/opt/orderflow/orderflow.jar"]
