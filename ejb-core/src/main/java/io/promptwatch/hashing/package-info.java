/**
 * Content hashing shared by every component: prompt texts, stored inputs and outputs, API key
 * secrets. It depends on nothing of the application.
 */
package io.promptwatch.hashing;
