/** Refusing new orders while the application is behind (load shedding at the door). */
package io.orderflow.app.admission;
