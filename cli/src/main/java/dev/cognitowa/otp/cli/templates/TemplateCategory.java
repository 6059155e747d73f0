package dev.cognitowa.otp.cli.templates;

/**
 * The two Meta template categories this project sends: codes go through an authentication template,
 * AdminCreateUser's temporary password (which an authentication template cannot carry) through a
 * utility one.
 */
public enum TemplateCategory {
  AUTHENTICATION,
  UTILITY
}
