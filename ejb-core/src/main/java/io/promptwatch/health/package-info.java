/** MicroProfile Health checks: the server is ready only while its database answers and the alert evaluator keeps its beat. */
package io.promptwatch.health;
