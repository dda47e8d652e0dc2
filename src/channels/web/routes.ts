/**
 * The web chat's HTTP routes: the page (`/chat`, also the no-JavaScript form target), the JSON
 * endpoints its script uses, its static files and the embeddable snippet — one named handler
 * each, in `handlers/`. Requests are checked before their bodies are read: a post from another
 * site, without an issued visitor cookie, or announcing a body larger than allowed is answered at
 * once and its connection closed.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { securityHeaders } from "../../http/security.ts";
import type { HttpServer } from "../../http/server.ts";
import { showPage } from "./handlers/page.ts";
import { pollMessages } from "./handlers/poll-messages.ts";
import { postForm } from "./handlers/post-form.ts";
import { sendMessage } from "./handlers/send-message.ts";
import { chatScript, chatStyle, embedSnippet } from "./handlers/static-files.ts";
import { switchLanguage } from "./handlers/switch-language.ts";
import type { WebChatRouteOptions } from "./options.ts";
import { ChatRequests, unread } from "./request.ts";

/** Largest JSON body the script sends. */
const API_BODY_BYTES = 32 * 1024;

/** Adds the web chat's routes to the HTTP server. */
export function mountWebChat(http: HttpServer, options: WebChatRouteOptions): void {
  const requests = new ChatRequests(options);
  const web = new Hono();
  const headers = securityHeaders();
  web.use("/chat", headers);
  web.use("/chat/*", headers);
  web.use(
    "/chat/api/*",
    bodyLimit({
      maxSize: API_BODY_BYTES,
      onError: (c) => unread(c.json({ error: "too large" }, 413)),
    }),
  );
  web.get("/", (c) => c.redirect("/chat", 302));
  web.get("/chat/chat.js", chatScript);
  web.get("/chat/chat.css", chatStyle);
  web.get("/chat/embed.js", embedSnippet(options));
  web.get("/chat", showPage(requests));
  web.post("/chat", postForm(requests));
  web.post("/chat/bahasa", switchLanguage(requests));
  web.post("/chat/api/send", sendMessage(requests));
  web.get("/chat/api/messages", pollMessages(requests));
  http.app.route("/", web);
}
