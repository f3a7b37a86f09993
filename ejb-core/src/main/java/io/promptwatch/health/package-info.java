/** MicroProfile Health checks: the server is ready only while its database answers. */
package io.promptwatch.health;
