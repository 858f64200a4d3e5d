// Passkeys (WebAuthn) for two-step sign-in: asks the server for a challenge, lets the browser make or use a passkey,
// and posts the browser's answer with the button's own form. A static file: the site's CSP allows no inline script.
(function () {
  "use strict";

  function toBytes(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    var padded = base64 + "===".slice((base64.length + 3) % 4);
    return Uint8Array.from(atob(padded), function (c) { return c.charCodeAt(0); }).buffer;
  }

  function toText(buffer) {
    if (!buffer) return null;
    var bytes = new Uint8Array(buffer), text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function creationOptions(options) {
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    (options.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return { publicKey: options };
  }

  function requestOptions(options) {
    options.challenge = toBytes(options.challenge);
    (options.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return { publicKey: options };
  }

  function answer(credential) {
    var r = credential.response, out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: toText(r.clientDataJSON) },
    };
    if (r.attestationObject) {
      out.response.attestationObject = toText(r.attestationObject);
      out.response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      out.response.authenticatorData = toText(r.authenticatorData);
      out.response.signature = toText(r.signature);
      out.response.userHandle = toText(r.userHandle);
    }
    return JSON.stringify(out);
  }

  function start(button) {
    var form = button.closest("form");
    var status = form.querySelector("[data-passkey-status]");
    var say = function (text) { if (status) status.textContent = text; };
    var password = form.querySelector("input[name=password]");
    if (password && !password.value) {
      say(button.dataset.msgPassword);
      password.focus();
      return;
    }
    var make = button.dataset.passkey === "create";
    button.disabled = true;
    say(button.dataset.msgWorking);
    fetch(button.dataset.optionsUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (body.redirect) {
            window.location.assign(body.redirect);
            throw new Error("redirected");
          }
          if (!response.ok) throw new Error(body.detail || "options");
          return body;
        });
      })
      .then(function (options) {
        return make
          ? navigator.credentials.create(creationOptions(options))
          : navigator.credentials.get(requestOptions(options));
      })
      .then(function (credential) {
        form.querySelector("input[name=passkey]").value = answer(credential);
        form.submit();
      })
      .catch(function (error) {
        if (error && error.message === "redirected") return;
        button.disabled = false;
        say(button.dataset.msgFailed);
      });
  }

  function init() {
    if (!window.PublicKeyCredential || !navigator.credentials) return;  // no passkeys here: the button stays hidden
    document.querySelectorAll("[data-passkey]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { start(button); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
