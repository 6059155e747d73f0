package dev.cognitowa.otp.sender.whatsapp;

import dev.cognitowa.otp.sender.Sensitive;

/** Supplies the Cloud API access token. */
public interface AccessTokenProvider {

  /** The current token, from cache when fresh. */
  Sensitive token();

  /** Drops any cached token and loads it again; called once after Graph answers error 190. */
  Sensitive refresh();
}
