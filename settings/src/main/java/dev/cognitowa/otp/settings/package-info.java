/**
 * One registry of every setting: each environment variable and context key with its default, range,
 * readers and doc. Dependency-free, so the Lambda jar, the CDK app and the CLI can all read it.
 */
package dev.cognitowa.otp.settings;
