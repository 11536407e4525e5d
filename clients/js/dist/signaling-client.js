var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf, __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from == "object" || typeof from == "function")
    for (let key of __getOwnPropNames(from))
      !__hasOwnProp.call(to, key) && key !== except && __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: !0 }) : target,
  mod
));

// node_modules/sockjs-client/lib/utils/browser-crypto.js
var require_browser_crypto = __commonJS({
  "node_modules/sockjs-client/lib/utils/browser-crypto.js"(exports, module) {
    "use strict";
    globalThis.crypto && globalThis.crypto.getRandomValues ? module.exports.randomBytes = function(length) {
      var bytes = new Uint8Array(length);
      return globalThis.crypto.getRandomValues(bytes), bytes;
    } : module.exports.randomBytes = function(length) {
      for (var bytes = new Array(length), i = 0; i < length; i++)
        bytes[i] = Math.floor(Math.random() * 256);
      return bytes;
    };
  }
});

// node_modules/sockjs-client/lib/utils/random.js
var require_random = __commonJS({
  "node_modules/sockjs-client/lib/utils/random.js"(exports, module) {
    "use strict";
    var crypto = require_browser_crypto(), _randomStringChars = "abcdefghijklmnopqrstuvwxyz012345";
    module.exports = {
      string: function(length) {
        for (var max = _randomStringChars.length, bytes = crypto.randomBytes(length), ret = [], i = 0; i < length; i++)
          ret.push(_randomStringChars.substr(bytes[i] % max, 1));
        return ret.join("");
      },
      number: function(max) {
        return Math.floor(Math.random() * max);
      },
      numberString: function(max) {
        var t = ("" + (max - 1)).length, p = new Array(t + 1).join("0");
        return (p + this.number(max)).slice(-t);
      }
    };
  }
});

// node_modules/sockjs-client/lib/utils/event.js
var require_event = __commonJS({
  "node_modules/sockjs-client/lib/utils/event.js"(exports, module) {
    "use strict";
    var random = require_random(), onUnload = {}, afterUnload = !1, isChromePackagedApp = globalThis.chrome && globalThis.chrome.app && globalThis.chrome.app.runtime;
    module.exports = {
      attachEvent: function(event, listener) {
        typeof globalThis.addEventListener < "u" ? globalThis.addEventListener(event, listener, !1) : globalThis.document && globalThis.attachEvent && (globalThis.document.attachEvent("on" + event, listener), globalThis.attachEvent("on" + event, listener));
      },
      detachEvent: function(event, listener) {
        typeof globalThis.addEventListener < "u" ? globalThis.removeEventListener(event, listener, !1) : globalThis.document && globalThis.detachEvent && (globalThis.document.detachEvent("on" + event, listener), globalThis.detachEvent("on" + event, listener));
      },
      unloadAdd: function(listener) {
        if (isChromePackagedApp)
          return null;
        var ref = random.string(8);
        return onUnload[ref] = listener, afterUnload && setTimeout(this.triggerUnloadCallbacks, 0), ref;
      },
      unloadDel: function(ref) {
        ref in onUnload && delete onUnload[ref];
      },
      triggerUnloadCallbacks: function() {
        for (var ref in onUnload)
          onUnload[ref](), delete onUnload[ref];
      }
    };
    var unloadTriggered = function() {
      afterUnload || (afterUnload = !0, module.exports.triggerUnloadCallbacks());
    };
    isChromePackagedApp || module.exports.attachEvent("unload", unloadTriggered);
  }
});

// node_modules/requires-port/index.js
var require_requires_port = __commonJS({
  "node_modules/requires-port/index.js"(exports, module) {
    "use strict";
    module.exports = function(port, protocol) {
      if (protocol = protocol.split(":")[0], port = +port, !port) return !1;
      switch (protocol) {
        case "http":
        case "ws":
          return port !== 80;
        case "https":
        case "wss":
          return port !== 443;
        case "ftp":
          return port !== 21;
        case "gopher":
          return port !== 70;
        case "file":
          return !1;
      }
      return port !== 0;
    };
  }
});

// node_modules/querystringify/index.js
var require_querystringify = __commonJS({
  "node_modules/querystringify/index.js"(exports) {
    "use strict";
    var has = Object.prototype.hasOwnProperty, undef;
    function decode(input) {
      try {
        return decodeURIComponent(input.replace(/\+/g, " "));
      } catch {
        return null;
      }
    }
    function encode(input) {
      try {
        return encodeURIComponent(input);
      } catch {
        return null;
      }
    }
    function querystring(query) {
      for (var parser = /([^=?#&]+)=?([^&]*)/g, result = {}, part; part = parser.exec(query); ) {
        var key = decode(part[1]), value = decode(part[2]);
        key === null || value === null || key in result || (result[key] = value);
      }
      return result;
    }
    function querystringify(obj, prefix) {
      prefix = prefix || "";
      var pairs = [], value, key;
      typeof prefix != "string" && (prefix = "?");
      for (key in obj)
        if (has.call(obj, key)) {
          if (value = obj[key], !value && (value === null || value === undef || isNaN(value)) && (value = ""), key = encode(key), value = encode(value), key === null || value === null) continue;
          pairs.push(key + "=" + value);
        }
      return pairs.length ? prefix + pairs.join("&") : "";
    }
    exports.stringify = querystringify;
    exports.parse = querystring;
  }
});

// node_modules/url-parse/index.js
var require_url_parse = __commonJS({
  "node_modules/url-parse/index.js"(exports, module) {
    "use strict";
    var required = require_requires_port(), qs = require_querystringify(), controlOrWhitespace = /^[\x00-\x20\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/, CRHTLF = /[\n\r\t]/g, slashes = /^[A-Za-z][A-Za-z0-9+-.]*:\/\//, port = /:\d+$/, protocolre = /^([a-z][a-z0-9.+-]*:)?(\/\/)?([\\/]+)?([\S\s]*)/i, windowsDriveLetter = /^[a-zA-Z]:/;
    function trimLeft(str) {
      return (str || "").toString().replace(controlOrWhitespace, "");
    }
    var rules = [
      ["#", "hash"],
      // Extract from the back.
      ["?", "query"],
      // Extract from the back.
      function(address, url) {
        return isSpecial(url.protocol) ? address.replace(/\\/g, "/") : address;
      },
      ["/", "pathname"],
      // Extract from the back.
      ["@", "auth", 1],
      // Extract from the front.
      [NaN, "host", void 0, 1, 1],
      // Set left over value.
      [/:(\d*)$/, "port", void 0, 1],
      // RegExp the back.
      [NaN, "hostname", void 0, 1, 1]
      // Set left over.
    ], ignore = { hash: 1, query: 1 };
    function lolcation(loc) {
      var globalVar;
      typeof window < "u" ? globalVar = window : typeof globalThis < "u" ? globalVar = globalThis : typeof self < "u" ? globalVar = self : globalVar = {};
      var location = globalVar.location || {};
      loc = loc || location;
      var finaldestination = {}, type = typeof loc, key;
      if (loc.protocol === "blob:")
        finaldestination = new Url(unescape(loc.pathname), {});
      else if (type === "string") {
        finaldestination = new Url(loc, {});
        for (key in ignore) delete finaldestination[key];
      } else if (type === "object") {
        for (key in loc)
          key in ignore || (finaldestination[key] = loc[key]);
        finaldestination.slashes === void 0 && (finaldestination.slashes = slashes.test(loc.href));
      }
      return finaldestination;
    }
    function isSpecial(scheme) {
      return scheme === "file:" || scheme === "ftp:" || scheme === "http:" || scheme === "https:" || scheme === "ws:" || scheme === "wss:";
    }
    function extractProtocol(address, location) {
      address = trimLeft(address), address = address.replace(CRHTLF, ""), location = location || {};
      var match = protocolre.exec(address), protocol = match[1] ? match[1].toLowerCase() : "", forwardSlashes = !!match[2], otherSlashes = !!match[3], slashesCount = 0, rest;
      return forwardSlashes ? otherSlashes ? (rest = match[2] + match[3] + match[4], slashesCount = match[2].length + match[3].length) : (rest = match[2] + match[4], slashesCount = match[2].length) : otherSlashes ? (rest = match[3] + match[4], slashesCount = match[3].length) : rest = match[4], protocol === "file:" ? slashesCount >= 2 && (rest = rest.slice(2)) : isSpecial(protocol) ? rest = match[4] : protocol ? forwardSlashes && (rest = rest.slice(2)) : slashesCount >= 2 && isSpecial(location.protocol) && (rest = match[4]), {
        protocol,
        slashes: forwardSlashes || isSpecial(protocol),
        slashesCount,
        rest
      };
    }
    function resolve(relative, base) {
      if (relative === "") return base;
      for (var path = (base || "/").split("/").slice(0, -1).concat(relative.split("/")), i = path.length, last = path[i - 1], unshift = !1, up = 0; i--; )
        path[i] === "." ? path.splice(i, 1) : path[i] === ".." ? (path.splice(i, 1), up++) : up && (i === 0 && (unshift = !0), path.splice(i, 1), up--);
      return unshift && path.unshift(""), (last === "." || last === "..") && path.push(""), path.join("/");
    }
    function Url(address, location, parser) {
      if (address = trimLeft(address), address = address.replace(CRHTLF, ""), !(this instanceof Url))
        return new Url(address, location, parser);
      var relative, extracted, parse, instruction, index, key, instructions = rules.slice(), type = typeof location, url = this, i = 0;
      for (type !== "object" && type !== "string" && (parser = location, location = null), parser && typeof parser != "function" && (parser = qs.parse), location = lolcation(location), extracted = extractProtocol(address || "", location), relative = !extracted.protocol && !extracted.slashes, url.slashes = extracted.slashes || relative && location.slashes, url.protocol = extracted.protocol || location.protocol || "", address = extracted.rest, (extracted.protocol === "file:" && (extracted.slashesCount !== 2 || windowsDriveLetter.test(address)) || !extracted.slashes && (extracted.protocol || extracted.slashesCount < 2 || !isSpecial(url.protocol))) && (instructions[3] = [/(.*)/, "pathname"]); i < instructions.length; i++) {
        if (instruction = instructions[i], typeof instruction == "function") {
          address = instruction(address, url);
          continue;
        }
        parse = instruction[0], key = instruction[1], parse !== parse ? url[key] = address : typeof parse == "string" ? (index = parse === "@" ? address.lastIndexOf(parse) : address.indexOf(parse), ~index && (typeof instruction[2] == "number" ? (url[key] = address.slice(0, index), address = address.slice(index + instruction[2])) : (url[key] = address.slice(index), address = address.slice(0, index)))) : (index = parse.exec(address)) && (url[key] = index[1], address = address.slice(0, index.index)), url[key] = url[key] || relative && instruction[3] && location[key] || "", instruction[4] && (url[key] = url[key].toLowerCase());
      }
      parser && (url.query = parser(url.query)), relative && location.slashes && url.pathname.charAt(0) !== "/" && (url.pathname !== "" || location.pathname !== "") && (url.pathname = resolve(url.pathname, location.pathname)), url.pathname.charAt(0) !== "/" && isSpecial(url.protocol) && (url.pathname = "/" + url.pathname), required(url.port, url.protocol) || (url.host = url.hostname, url.port = ""), url.username = url.password = "", url.auth && (index = url.auth.indexOf(":"), ~index ? (url.username = url.auth.slice(0, index), url.username = encodeURIComponent(decodeURIComponent(url.username)), url.password = url.auth.slice(index + 1), url.password = encodeURIComponent(decodeURIComponent(url.password))) : url.username = encodeURIComponent(decodeURIComponent(url.auth)), url.auth = url.password ? url.username + ":" + url.password : url.username), url.origin = url.protocol !== "file:" && isSpecial(url.protocol) && url.host ? url.protocol + "//" + url.host : "null", url.href = url.toString();
    }
    function set(part, value, fn) {
      var url = this;
      switch (part) {
        case "query":
          typeof value == "string" && value.length && (value = (fn || qs.parse)(value)), url[part] = value;
          break;
        case "port":
          url[part] = value, required(value, url.protocol) ? value && (url.host = url.hostname + ":" + value) : (url.host = url.hostname, url[part] = "");
          break;
        case "hostname":
          url[part] = value, url.port && (value += ":" + url.port), url.host = value;
          break;
        case "host":
          url[part] = value, port.test(value) ? (value = value.split(":"), url.port = value.pop(), url.hostname = value.join(":")) : (url.hostname = value, url.port = "");
          break;
        case "protocol":
          url.protocol = value.toLowerCase(), url.slashes = !fn;
          break;
        case "pathname":
        case "hash":
          if (value) {
            var char = part === "pathname" ? "/" : "#";
            url[part] = value.charAt(0) !== char ? char + value : value;
          } else
            url[part] = value;
          break;
        case "username":
        case "password":
          url[part] = encodeURIComponent(value);
          break;
        case "auth":
          var index = value.indexOf(":");
          ~index ? (url.username = value.slice(0, index), url.username = encodeURIComponent(decodeURIComponent(url.username)), url.password = value.slice(index + 1), url.password = encodeURIComponent(decodeURIComponent(url.password))) : url.username = encodeURIComponent(decodeURIComponent(value));
      }
      for (var i = 0; i < rules.length; i++) {
        var ins = rules[i];
        ins[4] && (url[ins[1]] = url[ins[1]].toLowerCase());
      }
      return url.auth = url.password ? url.username + ":" + url.password : url.username, url.origin = url.protocol !== "file:" && isSpecial(url.protocol) && url.host ? url.protocol + "//" + url.host : "null", url.href = url.toString(), url;
    }
    function toString(stringify) {
      (!stringify || typeof stringify != "function") && (stringify = qs.stringify);
      var query, url = this, host = url.host, protocol = url.protocol;
      protocol && protocol.charAt(protocol.length - 1) !== ":" && (protocol += ":");
      var result = protocol + (url.protocol && url.slashes || isSpecial(url.protocol) ? "//" : "");
      return url.username ? (result += url.username, url.password && (result += ":" + url.password), result += "@") : url.password ? (result += ":" + url.password, result += "@") : url.protocol !== "file:" && isSpecial(url.protocol) && !host && url.pathname !== "/" && (result += "@"), (host[host.length - 1] === ":" || port.test(url.hostname) && !url.port) && (host += ":"), result += host + url.pathname, query = typeof url.query == "object" ? stringify(url.query) : url.query, query && (result += query.charAt(0) !== "?" ? "?" + query : query), url.hash && (result += url.hash), result;
    }
    Url.prototype = { set, toString };
    Url.extractProtocol = extractProtocol;
    Url.location = lolcation;
    Url.trimLeft = trimLeft;
    Url.qs = qs;
    module.exports = Url;
  }
});

// node_modules/sockjs-client/lib/utils/url.js
var require_url = __commonJS({
  "node_modules/sockjs-client/lib/utils/url.js"(exports, module) {
    "use strict";
    var URL2 = require_url_parse(), debug = function() {
    };
    module.exports = {
      getOrigin: function(url) {
        if (!url)
          return null;
        var p = new URL2(url);
        if (p.protocol === "file:")
          return null;
        var port = p.port;
        return port || (port = p.protocol === "https:" ? "443" : "80"), p.protocol + "//" + p.hostname + ":" + port;
      },
      isOriginEqual: function(a, b) {
        var res = this.getOrigin(a) === this.getOrigin(b);
        return debug("same", a, b, res), res;
      },
      isSchemeEqual: function(a, b) {
        return a.split(":")[0] === b.split(":")[0];
      },
      addPath: function(url, path) {
        var qs = url.split("?");
        return qs[0] + path + (qs[1] ? "?" + qs[1] : "");
      },
      addQuery: function(url, q) {
        return url + (url.indexOf("?") === -1 ? "?" + q : "&" + q);
      },
      isLoopbackAddr: function(addr) {
        return /^127\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/i.test(addr) || /^\[::1\]$/.test(addr);
      }
    };
  }
});

// node_modules/inherits/inherits_browser.js
var require_inherits_browser = __commonJS({
  "node_modules/inherits/inherits_browser.js"(exports, module) {
    typeof Object.create == "function" ? module.exports = function(ctor, superCtor) {
      superCtor && (ctor.super_ = superCtor, ctor.prototype = Object.create(superCtor.prototype, {
        constructor: {
          value: ctor,
          enumerable: !1,
          writable: !0,
          configurable: !0
        }
      }));
    } : module.exports = function(ctor, superCtor) {
      if (superCtor) {
        ctor.super_ = superCtor;
        var TempCtor = function() {
        };
        TempCtor.prototype = superCtor.prototype, ctor.prototype = new TempCtor(), ctor.prototype.constructor = ctor;
      }
    };
  }
});

// node_modules/sockjs-client/lib/event/eventtarget.js
var require_eventtarget = __commonJS({
  "node_modules/sockjs-client/lib/event/eventtarget.js"(exports, module) {
    "use strict";
    function EventTarget2() {
      this._listeners = {};
    }
    EventTarget2.prototype.addEventListener = function(eventType, listener) {
      eventType in this._listeners || (this._listeners[eventType] = []);
      var arr = this._listeners[eventType];
      arr.indexOf(listener) === -1 && (arr = arr.concat([listener])), this._listeners[eventType] = arr;
    };
    EventTarget2.prototype.removeEventListener = function(eventType, listener) {
      var arr = this._listeners[eventType];
      if (arr) {
        var idx = arr.indexOf(listener);
        if (idx !== -1) {
          arr.length > 1 ? this._listeners[eventType] = arr.slice(0, idx).concat(arr.slice(idx + 1)) : delete this._listeners[eventType];
          return;
        }
      }
    };
    EventTarget2.prototype.dispatchEvent = function() {
      var event = arguments[0], t = event.type, args = arguments.length === 1 ? [event] : Array.apply(null, arguments);
      if (this["on" + t] && this["on" + t].apply(this, args), t in this._listeners)
        for (var listeners = this._listeners[t], i = 0; i < listeners.length; i++)
          listeners[i].apply(this, args);
    };
    module.exports = EventTarget2;
  }
});

// node_modules/sockjs-client/lib/event/emitter.js
var require_emitter = __commonJS({
  "node_modules/sockjs-client/lib/event/emitter.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), EventTarget2 = require_eventtarget();
    function EventEmitter() {
      EventTarget2.call(this);
    }
    inherits(EventEmitter, EventTarget2);
    EventEmitter.prototype.removeAllListeners = function(type) {
      type ? delete this._listeners[type] : this._listeners = {};
    };
    EventEmitter.prototype.once = function(type, listener) {
      var self2 = this, fired = !1;
      function g() {
        self2.removeListener(type, g), fired || (fired = !0, listener.apply(this, arguments));
      }
      this.on(type, g);
    };
    EventEmitter.prototype.emit = function() {
      var type = arguments[0], listeners = this._listeners[type];
      if (listeners) {
        for (var l = arguments.length, args = new Array(l - 1), ai = 1; ai < l; ai++)
          args[ai - 1] = arguments[ai];
        for (var i = 0; i < listeners.length; i++)
          listeners[i].apply(this, args);
      }
    };
    EventEmitter.prototype.on = EventEmitter.prototype.addListener = EventTarget2.prototype.addEventListener;
    EventEmitter.prototype.removeListener = EventTarget2.prototype.removeEventListener;
    module.exports.EventEmitter = EventEmitter;
  }
});

// node_modules/sockjs-client/lib/transport/browser/websocket.js
var require_websocket = __commonJS({
  "node_modules/sockjs-client/lib/transport/browser/websocket.js"(exports, module) {
    "use strict";
    var Driver = globalThis.WebSocket || globalThis.MozWebSocket;
    Driver ? module.exports = function(url) {
      return new Driver(url);
    } : module.exports = void 0;
  }
});

// node_modules/sockjs-client/lib/transport/websocket.js
var require_websocket2 = __commonJS({
  "node_modules/sockjs-client/lib/transport/websocket.js"(exports, module) {
    "use strict";
    var utils = require_event(), urlUtils = require_url(), inherits = require_inherits_browser(), EventEmitter = require_emitter().EventEmitter, WebsocketDriver = require_websocket(), debug = function() {
    };
    function WebSocketTransport(transUrl, ignore, options) {
      if (!WebSocketTransport.enabled())
        throw new Error("Transport created when disabled");
      EventEmitter.call(this), debug("constructor", transUrl);
      var self2 = this, url = urlUtils.addPath(transUrl, "/websocket");
      url.slice(0, 5) === "https" ? url = "wss" + url.slice(5) : url = "ws" + url.slice(4), this.url = url, this.ws = new WebsocketDriver(this.url, [], options), this.ws.onmessage = function(e) {
        debug("message event", e.data), self2.emit("message", e.data);
      }, this.unloadRef = utils.unloadAdd(function() {
        debug("unload"), self2.ws.close();
      }), this.ws.onclose = function(e) {
        debug("close event", e.code, e.reason), self2.emit("close", e.code, e.reason), self2._cleanup();
      }, this.ws.onerror = function(e) {
        debug("error event", e), self2.emit("close", 1006, "WebSocket connection broken"), self2._cleanup();
      };
    }
    inherits(WebSocketTransport, EventEmitter);
    WebSocketTransport.prototype.send = function(data) {
      var msg = "[" + data + "]";
      debug("send", msg), this.ws.send(msg);
    };
    WebSocketTransport.prototype.close = function() {
      debug("close");
      var ws = this.ws;
      this._cleanup(), ws && ws.close();
    };
    WebSocketTransport.prototype._cleanup = function() {
      debug("_cleanup");
      var ws = this.ws;
      ws && (ws.onmessage = ws.onclose = ws.onerror = null), utils.unloadDel(this.unloadRef), this.unloadRef = this.ws = null, this.removeAllListeners();
    };
    WebSocketTransport.enabled = function() {
      return debug("enabled"), !!WebsocketDriver;
    };
    WebSocketTransport.transportName = "websocket";
    WebSocketTransport.roundTrips = 2;
    module.exports = WebSocketTransport;
  }
});

// node_modules/sockjs-client/lib/transport/lib/buffered-sender.js
var require_buffered_sender = __commonJS({
  "node_modules/sockjs-client/lib/transport/lib/buffered-sender.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), EventEmitter = require_emitter().EventEmitter, debug = function() {
    };
    function BufferedSender(url, sender) {
      debug(url), EventEmitter.call(this), this.sendBuffer = [], this.sender = sender, this.url = url;
    }
    inherits(BufferedSender, EventEmitter);
    BufferedSender.prototype.send = function(message) {
      debug("send", message), this.sendBuffer.push(message), this.sendStop || this.sendSchedule();
    };
    BufferedSender.prototype.sendScheduleWait = function() {
      debug("sendScheduleWait");
      var self2 = this, tref;
      this.sendStop = function() {
        debug("sendStop"), self2.sendStop = null, clearTimeout(tref);
      }, tref = setTimeout(function() {
        debug("timeout"), self2.sendStop = null, self2.sendSchedule();
      }, 25);
    };
    BufferedSender.prototype.sendSchedule = function() {
      debug("sendSchedule", this.sendBuffer.length);
      var self2 = this;
      if (this.sendBuffer.length > 0) {
        var payload = "[" + this.sendBuffer.join(",") + "]";
        this.sendStop = this.sender(this.url, payload, function(err) {
          self2.sendStop = null, err ? (debug("error", err), self2.emit("close", err.code || 1006, "Sending error: " + err), self2.close()) : self2.sendScheduleWait();
        }), this.sendBuffer = [];
      }
    };
    BufferedSender.prototype._cleanup = function() {
      debug("_cleanup"), this.removeAllListeners();
    };
    BufferedSender.prototype.close = function() {
      debug("close"), this._cleanup(), this.sendStop && (this.sendStop(), this.sendStop = null);
    };
    module.exports = BufferedSender;
  }
});

// node_modules/sockjs-client/lib/transport/lib/polling.js
var require_polling = __commonJS({
  "node_modules/sockjs-client/lib/transport/lib/polling.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), EventEmitter = require_emitter().EventEmitter, debug = function() {
    };
    function Polling(Receiver, receiveUrl, AjaxObject) {
      debug(receiveUrl), EventEmitter.call(this), this.Receiver = Receiver, this.receiveUrl = receiveUrl, this.AjaxObject = AjaxObject, this._scheduleReceiver();
    }
    inherits(Polling, EventEmitter);
    Polling.prototype._scheduleReceiver = function() {
      debug("_scheduleReceiver");
      var self2 = this, poll = this.poll = new this.Receiver(this.receiveUrl, this.AjaxObject);
      poll.on("message", function(msg) {
        debug("message", msg), self2.emit("message", msg);
      }), poll.once("close", function(code, reason) {
        debug("close", code, reason, self2.pollIsClosing), self2.poll = poll = null, self2.pollIsClosing || (reason === "network" ? self2._scheduleReceiver() : (self2.emit("close", code || 1006, reason), self2.removeAllListeners()));
      });
    };
    Polling.prototype.abort = function() {
      debug("abort"), this.removeAllListeners(), this.pollIsClosing = !0, this.poll && this.poll.abort();
    };
    module.exports = Polling;
  }
});

// node_modules/sockjs-client/lib/transport/lib/sender-receiver.js
var require_sender_receiver = __commonJS({
  "node_modules/sockjs-client/lib/transport/lib/sender-receiver.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), urlUtils = require_url(), BufferedSender = require_buffered_sender(), Polling = require_polling(), debug = function() {
    };
    function SenderReceiver(transUrl, urlSuffix, senderFunc, Receiver, AjaxObject) {
      var pollUrl = urlUtils.addPath(transUrl, urlSuffix);
      debug(pollUrl);
      var self2 = this;
      BufferedSender.call(this, transUrl, senderFunc), this.poll = new Polling(Receiver, pollUrl, AjaxObject), this.poll.on("message", function(msg) {
        debug("poll message", msg), self2.emit("message", msg);
      }), this.poll.once("close", function(code, reason) {
        debug("poll close", code, reason), self2.poll = null, self2.emit("close", code, reason), self2.close();
      });
    }
    inherits(SenderReceiver, BufferedSender);
    SenderReceiver.prototype.close = function() {
      BufferedSender.prototype.close.call(this), debug("close"), this.removeAllListeners(), this.poll && (this.poll.abort(), this.poll = null);
    };
    module.exports = SenderReceiver;
  }
});

// node_modules/sockjs-client/lib/transport/lib/ajax-based.js
var require_ajax_based = __commonJS({
  "node_modules/sockjs-client/lib/transport/lib/ajax-based.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), urlUtils = require_url(), SenderReceiver = require_sender_receiver(), debug = function() {
    };
    function createAjaxSender(AjaxObject) {
      return function(url, payload, callback) {
        debug("create ajax sender", url, payload);
        var opt = {};
        typeof payload == "string" && (opt.headers = { "Content-type": "text/plain" });
        var ajaxUrl = urlUtils.addPath(url, "/xhr_send"), xo = new AjaxObject("POST", ajaxUrl, payload, opt);
        return xo.once("finish", function(status) {
          if (debug("finish", status), xo = null, status !== 200 && status !== 204)
            return callback(new Error("http status " + status));
          callback();
        }), function() {
          debug("abort"), xo.close(), xo = null;
          var err = new Error("Aborted");
          err.code = 1e3, callback(err);
        };
      };
    }
    function AjaxBasedTransport(transUrl, urlSuffix, Receiver, AjaxObject) {
      SenderReceiver.call(this, transUrl, urlSuffix, createAjaxSender(AjaxObject), Receiver, AjaxObject);
    }
    inherits(AjaxBasedTransport, SenderReceiver);
    module.exports = AjaxBasedTransport;
  }
});

// node_modules/sockjs-client/lib/transport/receiver/xhr.js
var require_xhr = __commonJS({
  "node_modules/sockjs-client/lib/transport/receiver/xhr.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), EventEmitter = require_emitter().EventEmitter, debug = function() {
    };
    function XhrReceiver(url, AjaxObject) {
      debug(url), EventEmitter.call(this);
      var self2 = this;
      this.bufferPosition = 0, this.xo = new AjaxObject("POST", url, null), this.xo.on("chunk", this._chunkHandler.bind(this)), this.xo.once("finish", function(status, text) {
        debug("finish", status, text), self2._chunkHandler(status, text), self2.xo = null;
        var reason = status === 200 ? "network" : "permanent";
        debug("close", reason), self2.emit("close", null, reason), self2._cleanup();
      });
    }
    inherits(XhrReceiver, EventEmitter);
    XhrReceiver.prototype._chunkHandler = function(status, text) {
      if (debug("_chunkHandler", status), !(status !== 200 || !text))
        for (var idx = -1; ; this.bufferPosition += idx + 1) {
          var buf = text.slice(this.bufferPosition);
          if (idx = buf.indexOf(`
`), idx === -1)
            break;
          var msg = buf.slice(0, idx);
          msg && (debug("message", msg), this.emit("message", msg));
        }
    };
    XhrReceiver.prototype._cleanup = function() {
      debug("_cleanup"), this.removeAllListeners();
    };
    XhrReceiver.prototype.abort = function() {
      debug("abort"), this.xo && (this.xo.close(), debug("close"), this.emit("close", null, "user"), this.xo = null), this._cleanup();
    };
    module.exports = XhrReceiver;
  }
});

// node_modules/sockjs-client/lib/transport/browser/abstract-xhr.js
var require_abstract_xhr = __commonJS({
  "node_modules/sockjs-client/lib/transport/browser/abstract-xhr.js"(exports, module) {
    "use strict";
    var EventEmitter = require_emitter().EventEmitter, inherits = require_inherits_browser(), utils = require_event(), urlUtils = require_url(), XHR = globalThis.XMLHttpRequest, debug = function() {
    };
    function AbstractXHRObject(method, url, payload, opts) {
      debug(method, url);
      var self2 = this;
      EventEmitter.call(this), setTimeout(function() {
        self2._start(method, url, payload, opts);
      }, 0);
    }
    inherits(AbstractXHRObject, EventEmitter);
    AbstractXHRObject.prototype._start = function(method, url, payload, opts) {
      var self2 = this;
      try {
        this.xhr = new XHR();
      } catch {
      }
      if (!this.xhr) {
        debug("no xhr"), this.emit("finish", 0, "no xhr support"), this._cleanup();
        return;
      }
      url = urlUtils.addQuery(url, "t=" + +/* @__PURE__ */ new Date()), this.unloadRef = utils.unloadAdd(function() {
        debug("unload cleanup"), self2._cleanup(!0);
      });
      try {
        this.xhr.open(method, url, !0), this.timeout && "timeout" in this.xhr && (this.xhr.timeout = this.timeout, this.xhr.ontimeout = function() {
          debug("xhr timeout"), self2.emit("finish", 0, ""), self2._cleanup(!1);
        });
      } catch (e) {
        debug("exception", e), this.emit("finish", 0, ""), this._cleanup(!1);
        return;
      }
      if ((!opts || !opts.noCredentials) && AbstractXHRObject.supportsCORS && (debug("withCredentials"), this.xhr.withCredentials = !0), opts && opts.headers)
        for (var key in opts.headers)
          this.xhr.setRequestHeader(key, opts.headers[key]);
      this.xhr.onreadystatechange = function() {
        if (self2.xhr) {
          var x = self2.xhr, text, status;
          switch (debug("readyState", x.readyState), x.readyState) {
            case 3:
              try {
                status = x.status, text = x.responseText;
              } catch {
              }
              debug("status", status), status === 1223 && (status = 204), status === 200 && text && text.length > 0 && (debug("chunk"), self2.emit("chunk", status, text));
              break;
            case 4:
              status = x.status, debug("status", status), status === 1223 && (status = 204), (status === 12005 || status === 12029) && (status = 0), debug("finish", status, x.responseText), self2.emit("finish", status, x.responseText), self2._cleanup(!1);
              break;
          }
        }
      };
      try {
        self2.xhr.send(payload);
      } catch {
        self2.emit("finish", 0, ""), self2._cleanup(!1);
      }
    };
    AbstractXHRObject.prototype._cleanup = function(abort) {
      if (debug("cleanup"), !!this.xhr) {
        if (this.removeAllListeners(), utils.unloadDel(this.unloadRef), this.xhr.onreadystatechange = function() {
        }, this.xhr.ontimeout && (this.xhr.ontimeout = null), abort)
          try {
            this.xhr.abort();
          } catch {
          }
        this.unloadRef = this.xhr = null;
      }
    };
    AbstractXHRObject.prototype.close = function() {
      debug("close"), this._cleanup(!0);
    };
    AbstractXHRObject.enabled = !!XHR;
    var axo = ["Active"].concat("Object").join("X");
    !AbstractXHRObject.enabled && axo in globalThis && (debug("overriding xmlhttprequest"), XHR = function() {
      try {
        return new globalThis[axo]("Microsoft.XMLHTTP");
      } catch {
        return null;
      }
    }, AbstractXHRObject.enabled = !!new XHR());
    var cors = !1;
    try {
      cors = "withCredentials" in new XHR();
    } catch {
    }
    AbstractXHRObject.supportsCORS = cors;
    module.exports = AbstractXHRObject;
  }
});

// node_modules/sockjs-client/lib/transport/sender/xhr-cors.js
var require_xhr_cors = __commonJS({
  "node_modules/sockjs-client/lib/transport/sender/xhr-cors.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), XhrDriver = require_abstract_xhr();
    function XHRCorsObject(method, url, payload, opts) {
      XhrDriver.call(this, method, url, payload, opts);
    }
    inherits(XHRCorsObject, XhrDriver);
    XHRCorsObject.enabled = XhrDriver.enabled && XhrDriver.supportsCORS;
    module.exports = XHRCorsObject;
  }
});

// node_modules/sockjs-client/lib/transport/sender/xhr-local.js
var require_xhr_local = __commonJS({
  "node_modules/sockjs-client/lib/transport/sender/xhr-local.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), XhrDriver = require_abstract_xhr();
    function XHRLocalObject(method, url, payload) {
      XhrDriver.call(this, method, url, payload, {
        noCredentials: !0
      });
    }
    inherits(XHRLocalObject, XhrDriver);
    XHRLocalObject.enabled = XhrDriver.enabled;
    module.exports = XHRLocalObject;
  }
});

// node_modules/sockjs-client/lib/utils/browser.js
var require_browser = __commonJS({
  "node_modules/sockjs-client/lib/utils/browser.js"(exports, module) {
    "use strict";
    module.exports = {
      isOpera: function() {
        return globalThis.navigator && /opera/i.test(globalThis.navigator.userAgent);
      },
      isKonqueror: function() {
        return globalThis.navigator && /konqueror/i.test(globalThis.navigator.userAgent);
      },
      hasDomain: function() {
        if (!globalThis.document)
          return !0;
        try {
          return !!globalThis.document.domain;
        } catch {
          return !1;
        }
      }
    };
  }
});

// node_modules/sockjs-client/lib/transport/xhr-streaming.js
var require_xhr_streaming = __commonJS({
  "node_modules/sockjs-client/lib/transport/xhr-streaming.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), AjaxBasedTransport = require_ajax_based(), XhrReceiver = require_xhr(), XHRCorsObject = require_xhr_cors(), XHRLocalObject = require_xhr_local(), browser = require_browser();
    function XhrStreamingTransport(transUrl) {
      if (!XHRLocalObject.enabled && !XHRCorsObject.enabled)
        throw new Error("Transport created when disabled");
      AjaxBasedTransport.call(this, transUrl, "/xhr_streaming", XhrReceiver, XHRCorsObject);
    }
    inherits(XhrStreamingTransport, AjaxBasedTransport);
    XhrStreamingTransport.enabled = function(info) {
      return info.nullOrigin || browser.isOpera() ? !1 : XHRCorsObject.enabled;
    };
    XhrStreamingTransport.transportName = "xhr-streaming";
    XhrStreamingTransport.roundTrips = 2;
    XhrStreamingTransport.needBody = !!globalThis.document;
    module.exports = XhrStreamingTransport;
  }
});

// node_modules/sockjs-client/lib/transport/sender/xdr.js
var require_xdr = __commonJS({
  "node_modules/sockjs-client/lib/transport/sender/xdr.js"(exports, module) {
    "use strict";
    var EventEmitter = require_emitter().EventEmitter, inherits = require_inherits_browser(), eventUtils = require_event(), browser = require_browser(), urlUtils = require_url(), debug = function() {
    };
    function XDRObject(method, url, payload) {
      debug(method, url);
      var self2 = this;
      EventEmitter.call(this), setTimeout(function() {
        self2._start(method, url, payload);
      }, 0);
    }
    inherits(XDRObject, EventEmitter);
    XDRObject.prototype._start = function(method, url, payload) {
      debug("_start");
      var self2 = this, xdr = new globalThis.XDomainRequest();
      url = urlUtils.addQuery(url, "t=" + +/* @__PURE__ */ new Date()), xdr.onerror = function() {
        debug("onerror"), self2._error();
      }, xdr.ontimeout = function() {
        debug("ontimeout"), self2._error();
      }, xdr.onprogress = function() {
        debug("progress", xdr.responseText), self2.emit("chunk", 200, xdr.responseText);
      }, xdr.onload = function() {
        debug("load"), self2.emit("finish", 200, xdr.responseText), self2._cleanup(!1);
      }, this.xdr = xdr, this.unloadRef = eventUtils.unloadAdd(function() {
        self2._cleanup(!0);
      });
      try {
        this.xdr.open(method, url), this.timeout && (this.xdr.timeout = this.timeout), this.xdr.send(payload);
      } catch {
        this._error();
      }
    };
    XDRObject.prototype._error = function() {
      this.emit("finish", 0, ""), this._cleanup(!1);
    };
    XDRObject.prototype._cleanup = function(abort) {
      if (debug("cleanup", abort), !!this.xdr) {
        if (this.removeAllListeners(), eventUtils.unloadDel(this.unloadRef), this.xdr.ontimeout = this.xdr.onerror = this.xdr.onprogress = this.xdr.onload = null, abort)
          try {
            this.xdr.abort();
          } catch {
          }
        this.unloadRef = this.xdr = null;
      }
    };
    XDRObject.prototype.close = function() {
      debug("close"), this._cleanup(!0);
    };
    XDRObject.enabled = !!(globalThis.XDomainRequest && browser.hasDomain());
    module.exports = XDRObject;
  }
});

// node_modules/sockjs-client/lib/transport/xdr-streaming.js
var require_xdr_streaming = __commonJS({
  "node_modules/sockjs-client/lib/transport/xdr-streaming.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), AjaxBasedTransport = require_ajax_based(), XhrReceiver = require_xhr(), XDRObject = require_xdr();
    function XdrStreamingTransport(transUrl) {
      if (!XDRObject.enabled)
        throw new Error("Transport created when disabled");
      AjaxBasedTransport.call(this, transUrl, "/xhr_streaming", XhrReceiver, XDRObject);
    }
    inherits(XdrStreamingTransport, AjaxBasedTransport);
    XdrStreamingTransport.enabled = function(info) {
      return info.cookie_needed || info.nullOrigin ? !1 : XDRObject.enabled && info.sameScheme;
    };
    XdrStreamingTransport.transportName = "xdr-streaming";
    XdrStreamingTransport.roundTrips = 2;
    module.exports = XdrStreamingTransport;
  }
});

// node_modules/sockjs-client/lib/transport/browser/eventsource.js
var require_eventsource = __commonJS({
  "node_modules/sockjs-client/lib/transport/browser/eventsource.js"(exports, module) {
    module.exports = globalThis.EventSource;
  }
});

// node_modules/sockjs-client/lib/transport/receiver/eventsource.js
var require_eventsource2 = __commonJS({
  "node_modules/sockjs-client/lib/transport/receiver/eventsource.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), EventEmitter = require_emitter().EventEmitter, EventSourceDriver = require_eventsource(), debug = function() {
    };
    function EventSourceReceiver(url) {
      debug(url), EventEmitter.call(this);
      var self2 = this, es = this.es = new EventSourceDriver(url);
      es.onmessage = function(e) {
        debug("message", e.data), self2.emit("message", decodeURI(e.data));
      }, es.onerror = function(e) {
        debug("error", es.readyState, e);
        var reason = es.readyState !== 2 ? "network" : "permanent";
        self2._cleanup(), self2._close(reason);
      };
    }
    inherits(EventSourceReceiver, EventEmitter);
    EventSourceReceiver.prototype.abort = function() {
      debug("abort"), this._cleanup(), this._close("user");
    };
    EventSourceReceiver.prototype._cleanup = function() {
      debug("cleanup");
      var es = this.es;
      es && (es.onmessage = es.onerror = null, es.close(), this.es = null);
    };
    EventSourceReceiver.prototype._close = function(reason) {
      debug("close", reason);
      var self2 = this;
      setTimeout(function() {
        self2.emit("close", null, reason), self2.removeAllListeners();
      }, 200);
    };
    module.exports = EventSourceReceiver;
  }
});

// node_modules/sockjs-client/lib/transport/eventsource.js
var require_eventsource3 = __commonJS({
  "node_modules/sockjs-client/lib/transport/eventsource.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), AjaxBasedTransport = require_ajax_based(), EventSourceReceiver = require_eventsource2(), XHRCorsObject = require_xhr_cors(), EventSourceDriver = require_eventsource();
    function EventSourceTransport(transUrl) {
      if (!EventSourceTransport.enabled())
        throw new Error("Transport created when disabled");
      AjaxBasedTransport.call(this, transUrl, "/eventsource", EventSourceReceiver, XHRCorsObject);
    }
    inherits(EventSourceTransport, AjaxBasedTransport);
    EventSourceTransport.enabled = function() {
      return !!EventSourceDriver;
    };
    EventSourceTransport.transportName = "eventsource";
    EventSourceTransport.roundTrips = 2;
    module.exports = EventSourceTransport;
  }
});

// node_modules/sockjs-client/lib/version.js
var require_version = __commonJS({
  "node_modules/sockjs-client/lib/version.js"(exports, module) {
    module.exports = "1.6.1";
  }
});

// node_modules/sockjs-client/lib/utils/iframe.js
var require_iframe = __commonJS({
  "node_modules/sockjs-client/lib/utils/iframe.js"(exports, module) {
    "use strict";
    var eventUtils = require_event(), browser = require_browser(), debug = function() {
    };
    module.exports = {
      WPrefix: "_jp",
      currentWindowId: null,
      polluteGlobalNamespace: function() {
        module.exports.WPrefix in globalThis || (globalThis[module.exports.WPrefix] = {});
      },
      postMessage: function(type, data) {
        globalThis.parent !== globalThis ? globalThis.parent.postMessage(JSON.stringify({
          windowId: module.exports.currentWindowId,
          type,
          data: data || ""
        }), "*") : debug("Cannot postMessage, no parent window.", type, data);
      },
      createIframe: function(iframeUrl, errorCallback) {
        var iframe = globalThis.document.createElement("iframe"), tref, unloadRef, unattach = function() {
          debug("unattach"), clearTimeout(tref);
          try {
            iframe.onload = null;
          } catch {
          }
          iframe.onerror = null;
        }, cleanup = function() {
          debug("cleanup"), iframe && (unattach(), setTimeout(function() {
            iframe && iframe.parentNode.removeChild(iframe), iframe = null;
          }, 0), eventUtils.unloadDel(unloadRef));
        }, onerror = function(err) {
          debug("onerror", err), iframe && (cleanup(), errorCallback(err));
        }, post = function(msg, origin) {
          debug("post", msg, origin), setTimeout(function() {
            try {
              iframe && iframe.contentWindow && iframe.contentWindow.postMessage(msg, origin);
            } catch {
            }
          }, 0);
        };
        return iframe.src = iframeUrl, iframe.style.display = "none", iframe.style.position = "absolute", iframe.onerror = function() {
          onerror("onerror");
        }, iframe.onload = function() {
          debug("onload"), clearTimeout(tref), tref = setTimeout(function() {
            onerror("onload timeout");
          }, 2e3);
        }, globalThis.document.body.appendChild(iframe), tref = setTimeout(function() {
          onerror("timeout");
        }, 15e3), unloadRef = eventUtils.unloadAdd(cleanup), {
          post,
          cleanup,
          loaded: unattach
        };
      },
      createHtmlfile: function(iframeUrl, errorCallback) {
        var axo = ["Active"].concat("Object").join("X"), doc = new globalThis[axo]("htmlfile"), tref, unloadRef, iframe, unattach = function() {
          clearTimeout(tref), iframe.onerror = null;
        }, cleanup = function() {
          doc && (unattach(), eventUtils.unloadDel(unloadRef), iframe.parentNode.removeChild(iframe), iframe = doc = null, CollectGarbage());
        }, onerror = function(r) {
          debug("onerror", r), doc && (cleanup(), errorCallback(r));
        }, post = function(msg, origin) {
          try {
            setTimeout(function() {
              iframe && iframe.contentWindow && iframe.contentWindow.postMessage(msg, origin);
            }, 0);
          } catch {
          }
        };
        doc.open(), doc.write('<html><script>document.domain="' + globalThis.document.domain + '";<\/script></html>'), doc.close(), doc.parentWindow[module.exports.WPrefix] = globalThis[module.exports.WPrefix];
        var c = doc.createElement("div");
        return doc.body.appendChild(c), iframe = doc.createElement("iframe"), c.appendChild(iframe), iframe.src = iframeUrl, iframe.onerror = function() {
          onerror("onerror");
        }, tref = setTimeout(function() {
          onerror("timeout");
        }, 15e3), unloadRef = eventUtils.unloadAdd(cleanup), {
          post,
          cleanup,
          loaded: unattach
        };
      }
    };
    module.exports.iframeEnabled = !1;
    globalThis.document && (module.exports.iframeEnabled = (typeof globalThis.postMessage == "function" || typeof globalThis.postMessage == "object") && !browser.isKonqueror());
  }
});

// node_modules/sockjs-client/lib/transport/iframe.js
var require_iframe2 = __commonJS({
  "node_modules/sockjs-client/lib/transport/iframe.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), EventEmitter = require_emitter().EventEmitter, version = require_version(), urlUtils = require_url(), iframeUtils = require_iframe(), eventUtils = require_event(), random = require_random(), debug = function() {
    };
    function IframeTransport(transport, transUrl, baseUrl) {
      if (!IframeTransport.enabled())
        throw new Error("Transport created when disabled");
      EventEmitter.call(this);
      var self2 = this;
      this.origin = urlUtils.getOrigin(baseUrl), this.baseUrl = baseUrl, this.transUrl = transUrl, this.transport = transport, this.windowId = random.string(8);
      var iframeUrl = urlUtils.addPath(baseUrl, "/iframe.html") + "#" + this.windowId;
      debug(transport, transUrl, iframeUrl), this.iframeObj = iframeUtils.createIframe(iframeUrl, function(r) {
        debug("err callback"), self2.emit("close", 1006, "Unable to load an iframe (" + r + ")"), self2.close();
      }), this.onmessageCallback = this._message.bind(this), eventUtils.attachEvent("message", this.onmessageCallback);
    }
    inherits(IframeTransport, EventEmitter);
    IframeTransport.prototype.close = function() {
      if (debug("close"), this.removeAllListeners(), this.iframeObj) {
        eventUtils.detachEvent("message", this.onmessageCallback);
        try {
          this.postMessage("c");
        } catch {
        }
        this.iframeObj.cleanup(), this.iframeObj = null, this.onmessageCallback = this.iframeObj = null;
      }
    };
    IframeTransport.prototype._message = function(e) {
      if (debug("message", e.data), !urlUtils.isOriginEqual(e.origin, this.origin)) {
        debug("not same origin", e.origin, this.origin);
        return;
      }
      var iframeMessage;
      try {
        iframeMessage = JSON.parse(e.data);
      } catch {
        debug("bad json", e.data);
        return;
      }
      if (iframeMessage.windowId !== this.windowId) {
        debug("mismatched window id", iframeMessage.windowId, this.windowId);
        return;
      }
      switch (iframeMessage.type) {
        case "s":
          this.iframeObj.loaded(), this.postMessage("s", JSON.stringify([
            version,
            this.transport,
            this.transUrl,
            this.baseUrl
          ]));
          break;
        case "t":
          this.emit("message", iframeMessage.data);
          break;
        case "c":
          var cdata;
          try {
            cdata = JSON.parse(iframeMessage.data);
          } catch {
            debug("bad json", iframeMessage.data);
            return;
          }
          this.emit("close", cdata[0], cdata[1]), this.close();
          break;
      }
    };
    IframeTransport.prototype.postMessage = function(type, data) {
      debug("postMessage", type, data), this.iframeObj.post(JSON.stringify({
        windowId: this.windowId,
        type,
        data: data || ""
      }), this.origin);
    };
    IframeTransport.prototype.send = function(message) {
      debug("send", message), this.postMessage("m", message);
    };
    IframeTransport.enabled = function() {
      return iframeUtils.iframeEnabled;
    };
    IframeTransport.transportName = "iframe";
    IframeTransport.roundTrips = 2;
    module.exports = IframeTransport;
  }
});

// node_modules/sockjs-client/lib/utils/object.js
var require_object = __commonJS({
  "node_modules/sockjs-client/lib/utils/object.js"(exports, module) {
    "use strict";
    module.exports = {
      isObject: function(obj) {
        var type = typeof obj;
        return type === "function" || type === "object" && !!obj;
      },
      extend: function(obj) {
        if (!this.isObject(obj))
          return obj;
        for (var source, prop, i = 1, length = arguments.length; i < length; i++) {
          source = arguments[i];
          for (prop in source)
            Object.prototype.hasOwnProperty.call(source, prop) && (obj[prop] = source[prop]);
        }
        return obj;
      }
    };
  }
});

// node_modules/sockjs-client/lib/transport/lib/iframe-wrap.js
var require_iframe_wrap = __commonJS({
  "node_modules/sockjs-client/lib/transport/lib/iframe-wrap.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), IframeTransport = require_iframe2(), objectUtils = require_object();
    module.exports = function(transport) {
      function IframeWrapTransport(transUrl, baseUrl) {
        IframeTransport.call(this, transport.transportName, transUrl, baseUrl);
      }
      return inherits(IframeWrapTransport, IframeTransport), IframeWrapTransport.enabled = function(url, info) {
        if (!globalThis.document)
          return !1;
        var iframeInfo = objectUtils.extend({}, info);
        return iframeInfo.sameOrigin = !0, transport.enabled(iframeInfo) && IframeTransport.enabled();
      }, IframeWrapTransport.transportName = "iframe-" + transport.transportName, IframeWrapTransport.needBody = !0, IframeWrapTransport.roundTrips = IframeTransport.roundTrips + transport.roundTrips - 1, IframeWrapTransport.facadeTransport = transport, IframeWrapTransport;
    };
  }
});

// node_modules/sockjs-client/lib/transport/receiver/htmlfile.js
var require_htmlfile = __commonJS({
  "node_modules/sockjs-client/lib/transport/receiver/htmlfile.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), iframeUtils = require_iframe(), urlUtils = require_url(), EventEmitter = require_emitter().EventEmitter, random = require_random(), debug = function() {
    };
    function HtmlfileReceiver(url) {
      debug(url), EventEmitter.call(this);
      var self2 = this;
      iframeUtils.polluteGlobalNamespace(), this.id = "a" + random.string(6), url = urlUtils.addQuery(url, "c=" + decodeURIComponent(iframeUtils.WPrefix + "." + this.id)), debug("using htmlfile", HtmlfileReceiver.htmlfileEnabled);
      var constructFunc = HtmlfileReceiver.htmlfileEnabled ? iframeUtils.createHtmlfile : iframeUtils.createIframe;
      globalThis[iframeUtils.WPrefix][this.id] = {
        start: function() {
          debug("start"), self2.iframeObj.loaded();
        },
        message: function(data) {
          debug("message", data), self2.emit("message", data);
        },
        stop: function() {
          debug("stop"), self2._cleanup(), self2._close("network");
        }
      }, this.iframeObj = constructFunc(url, function() {
        debug("callback"), self2._cleanup(), self2._close("permanent");
      });
    }
    inherits(HtmlfileReceiver, EventEmitter);
    HtmlfileReceiver.prototype.abort = function() {
      debug("abort"), this._cleanup(), this._close("user");
    };
    HtmlfileReceiver.prototype._cleanup = function() {
      debug("_cleanup"), this.iframeObj && (this.iframeObj.cleanup(), this.iframeObj = null), delete globalThis[iframeUtils.WPrefix][this.id];
    };
    HtmlfileReceiver.prototype._close = function(reason) {
      debug("_close", reason), this.emit("close", null, reason), this.removeAllListeners();
    };
    HtmlfileReceiver.htmlfileEnabled = !1;
    var axo = ["Active"].concat("Object").join("X");
    if (axo in globalThis)
      try {
        HtmlfileReceiver.htmlfileEnabled = !!new globalThis[axo]("htmlfile");
      } catch {
      }
    HtmlfileReceiver.enabled = HtmlfileReceiver.htmlfileEnabled || iframeUtils.iframeEnabled;
    module.exports = HtmlfileReceiver;
  }
});

// node_modules/sockjs-client/lib/transport/htmlfile.js
var require_htmlfile2 = __commonJS({
  "node_modules/sockjs-client/lib/transport/htmlfile.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), HtmlfileReceiver = require_htmlfile(), XHRLocalObject = require_xhr_local(), AjaxBasedTransport = require_ajax_based();
    function HtmlFileTransport(transUrl) {
      if (!HtmlfileReceiver.enabled)
        throw new Error("Transport created when disabled");
      AjaxBasedTransport.call(this, transUrl, "/htmlfile", HtmlfileReceiver, XHRLocalObject);
    }
    inherits(HtmlFileTransport, AjaxBasedTransport);
    HtmlFileTransport.enabled = function(info) {
      return HtmlfileReceiver.enabled && info.sameOrigin;
    };
    HtmlFileTransport.transportName = "htmlfile";
    HtmlFileTransport.roundTrips = 2;
    module.exports = HtmlFileTransport;
  }
});

// node_modules/sockjs-client/lib/transport/xhr-polling.js
var require_xhr_polling = __commonJS({
  "node_modules/sockjs-client/lib/transport/xhr-polling.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), AjaxBasedTransport = require_ajax_based(), XhrReceiver = require_xhr(), XHRCorsObject = require_xhr_cors(), XHRLocalObject = require_xhr_local();
    function XhrPollingTransport(transUrl) {
      if (!XHRLocalObject.enabled && !XHRCorsObject.enabled)
        throw new Error("Transport created when disabled");
      AjaxBasedTransport.call(this, transUrl, "/xhr", XhrReceiver, XHRCorsObject);
    }
    inherits(XhrPollingTransport, AjaxBasedTransport);
    XhrPollingTransport.enabled = function(info) {
      return info.nullOrigin ? !1 : XHRLocalObject.enabled && info.sameOrigin ? !0 : XHRCorsObject.enabled;
    };
    XhrPollingTransport.transportName = "xhr-polling";
    XhrPollingTransport.roundTrips = 2;
    module.exports = XhrPollingTransport;
  }
});

// node_modules/sockjs-client/lib/transport/xdr-polling.js
var require_xdr_polling = __commonJS({
  "node_modules/sockjs-client/lib/transport/xdr-polling.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), AjaxBasedTransport = require_ajax_based(), XdrStreamingTransport = require_xdr_streaming(), XhrReceiver = require_xhr(), XDRObject = require_xdr();
    function XdrPollingTransport(transUrl) {
      if (!XDRObject.enabled)
        throw new Error("Transport created when disabled");
      AjaxBasedTransport.call(this, transUrl, "/xhr", XhrReceiver, XDRObject);
    }
    inherits(XdrPollingTransport, AjaxBasedTransport);
    XdrPollingTransport.enabled = XdrStreamingTransport.enabled;
    XdrPollingTransport.transportName = "xdr-polling";
    XdrPollingTransport.roundTrips = 2;
    module.exports = XdrPollingTransport;
  }
});

// node_modules/sockjs-client/lib/transport/receiver/jsonp.js
var require_jsonp = __commonJS({
  "node_modules/sockjs-client/lib/transport/receiver/jsonp.js"(exports, module) {
    "use strict";
    var utils = require_iframe(), random = require_random(), browser = require_browser(), urlUtils = require_url(), inherits = require_inherits_browser(), EventEmitter = require_emitter().EventEmitter, debug = function() {
    };
    function JsonpReceiver(url) {
      debug(url);
      var self2 = this;
      EventEmitter.call(this), utils.polluteGlobalNamespace(), this.id = "a" + random.string(6);
      var urlWithId = urlUtils.addQuery(url, "c=" + encodeURIComponent(utils.WPrefix + "." + this.id));
      globalThis[utils.WPrefix][this.id] = this._callback.bind(this), this._createScript(urlWithId), this.timeoutId = setTimeout(function() {
        debug("timeout"), self2._abort(new Error("JSONP script loaded abnormally (timeout)"));
      }, JsonpReceiver.timeout);
    }
    inherits(JsonpReceiver, EventEmitter);
    JsonpReceiver.prototype.abort = function() {
      if (debug("abort"), globalThis[utils.WPrefix][this.id]) {
        var err = new Error("JSONP user aborted read");
        err.code = 1e3, this._abort(err);
      }
    };
    JsonpReceiver.timeout = 35e3;
    JsonpReceiver.scriptErrorTimeout = 1e3;
    JsonpReceiver.prototype._callback = function(data) {
      debug("_callback", data), this._cleanup(), !this.aborting && (data && (debug("message", data), this.emit("message", data)), this.emit("close", null, "network"), this.removeAllListeners());
    };
    JsonpReceiver.prototype._abort = function(err) {
      debug("_abort", err), this._cleanup(), this.aborting = !0, this.emit("close", err.code, err.message), this.removeAllListeners();
    };
    JsonpReceiver.prototype._cleanup = function() {
      if (debug("_cleanup"), clearTimeout(this.timeoutId), this.script2 && (this.script2.parentNode.removeChild(this.script2), this.script2 = null), this.script) {
        var script = this.script;
        script.parentNode.removeChild(script), script.onreadystatechange = script.onerror = script.onload = script.onclick = null, this.script = null;
      }
      delete globalThis[utils.WPrefix][this.id];
    };
    JsonpReceiver.prototype._scriptError = function() {
      debug("_scriptError");
      var self2 = this;
      this.errorTimer || (this.errorTimer = setTimeout(function() {
        self2.loadedOkay || self2._abort(new Error("JSONP script loaded abnormally (onerror)"));
      }, JsonpReceiver.scriptErrorTimeout));
    };
    JsonpReceiver.prototype._createScript = function(url) {
      debug("_createScript", url);
      var self2 = this, script = this.script = globalThis.document.createElement("script"), script2;
      if (script.id = "a" + random.string(8), script.src = url, script.type = "text/javascript", script.charset = "UTF-8", script.onerror = this._scriptError.bind(this), script.onload = function() {
        debug("onload"), self2._abort(new Error("JSONP script loaded abnormally (onload)"));
      }, script.onreadystatechange = function() {
        if (debug("onreadystatechange", script.readyState), /loaded|closed/.test(script.readyState)) {
          if (script && script.htmlFor && script.onclick) {
            self2.loadedOkay = !0;
            try {
              script.onclick();
            } catch {
            }
          }
          script && self2._abort(new Error("JSONP script loaded abnormally (onreadystatechange)"));
        }
      }, typeof script.async > "u" && globalThis.document.attachEvent)
        if (browser.isOpera())
          script2 = this.script2 = globalThis.document.createElement("script"), script2.text = "try{var a = document.getElementById('" + script.id + "'); if(a)a.onerror();}catch(x){};", script.async = script2.async = !1;
        else {
          try {
            script.htmlFor = script.id, script.event = "onclick";
          } catch {
          }
          script.async = !0;
        }
      typeof script.async < "u" && (script.async = !0);
      var head = globalThis.document.getElementsByTagName("head")[0];
      head.insertBefore(script, head.firstChild), script2 && head.insertBefore(script2, head.firstChild);
    };
    module.exports = JsonpReceiver;
  }
});

// node_modules/sockjs-client/lib/transport/sender/jsonp.js
var require_jsonp2 = __commonJS({
  "node_modules/sockjs-client/lib/transport/sender/jsonp.js"(exports, module) {
    "use strict";
    var random = require_random(), urlUtils = require_url(), debug = function() {
    }, form, area;
    function createIframe(id) {
      debug("createIframe", id);
      try {
        return globalThis.document.createElement('<iframe name="' + id + '">');
      } catch {
        var iframe = globalThis.document.createElement("iframe");
        return iframe.name = id, iframe;
      }
    }
    function createForm() {
      debug("createForm"), form = globalThis.document.createElement("form"), form.style.display = "none", form.style.position = "absolute", form.method = "POST", form.enctype = "application/x-www-form-urlencoded", form.acceptCharset = "UTF-8", area = globalThis.document.createElement("textarea"), area.name = "d", form.appendChild(area), globalThis.document.body.appendChild(form);
    }
    module.exports = function(url, payload, callback) {
      debug(url, payload), form || createForm();
      var id = "a" + random.string(8);
      form.target = id, form.action = urlUtils.addQuery(urlUtils.addPath(url, "/jsonp_send"), "i=" + id);
      var iframe = createIframe(id);
      iframe.id = id, iframe.style.display = "none", form.appendChild(iframe);
      try {
        area.value = payload;
      } catch {
      }
      form.submit();
      var completed = function(err) {
        debug("completed", id, err), iframe.onerror && (iframe.onreadystatechange = iframe.onerror = iframe.onload = null, setTimeout(function() {
          debug("cleaning up", id), iframe.parentNode.removeChild(iframe), iframe = null;
        }, 500), area.value = "", callback(err));
      };
      return iframe.onerror = function() {
        debug("onerror", id), completed();
      }, iframe.onload = function() {
        debug("onload", id), completed();
      }, iframe.onreadystatechange = function(e) {
        debug("onreadystatechange", id, iframe.readyState, e), iframe.readyState === "complete" && completed();
      }, function() {
        debug("aborted", id), completed(new Error("Aborted"));
      };
    };
  }
});

// node_modules/sockjs-client/lib/transport/jsonp-polling.js
var require_jsonp_polling = __commonJS({
  "node_modules/sockjs-client/lib/transport/jsonp-polling.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), SenderReceiver = require_sender_receiver(), JsonpReceiver = require_jsonp(), jsonpSender = require_jsonp2();
    function JsonPTransport(transUrl) {
      if (!JsonPTransport.enabled())
        throw new Error("Transport created when disabled");
      SenderReceiver.call(this, transUrl, "/jsonp", jsonpSender, JsonpReceiver);
    }
    inherits(JsonPTransport, SenderReceiver);
    JsonPTransport.enabled = function() {
      return !!globalThis.document;
    };
    JsonPTransport.transportName = "jsonp-polling";
    JsonPTransport.roundTrips = 1;
    JsonPTransport.needBody = !0;
    module.exports = JsonPTransport;
  }
});

// node_modules/sockjs-client/lib/transport-list.js
var require_transport_list = __commonJS({
  "node_modules/sockjs-client/lib/transport-list.js"(exports, module) {
    "use strict";
    module.exports = [
      // streaming transports
      require_websocket2(),
      require_xhr_streaming(),
      require_xdr_streaming(),
      require_eventsource3(),
      require_iframe_wrap()(require_eventsource3()),
      require_htmlfile2(),
      require_iframe_wrap()(require_htmlfile2()),
      require_xhr_polling(),
      require_xdr_polling(),
      require_iframe_wrap()(require_xhr_polling()),
      require_jsonp_polling()
    ];
  }
});

// node_modules/sockjs-client/lib/shims.js
var require_shims = __commonJS({
  "node_modules/sockjs-client/lib/shims.js"() {
    "use strict";
    var ArrayPrototype = Array.prototype, ObjectPrototype = Object.prototype, FunctionPrototype = Function.prototype, StringPrototype = String.prototype, array_slice = ArrayPrototype.slice, _toString = ObjectPrototype.toString, isFunction = function(val) {
      return ObjectPrototype.toString.call(val) === "[object Function]";
    }, isArray = function(obj) {
      return _toString.call(obj) === "[object Array]";
    }, isString = function(obj) {
      return _toString.call(obj) === "[object String]";
    }, supportsDescriptors = Object.defineProperty && (function() {
      try {
        return Object.defineProperty({}, "x", {}), !0;
      } catch {
        return !1;
      }
    })(), defineProperty;
    supportsDescriptors ? defineProperty = function(object, name, method, forceAssign) {
      !forceAssign && name in object || Object.defineProperty(object, name, {
        configurable: !0,
        enumerable: !1,
        writable: !0,
        value: method
      });
    } : defineProperty = function(object, name, method, forceAssign) {
      !forceAssign && name in object || (object[name] = method);
    };
    var defineProperties = function(object, map, forceAssign) {
      for (var name in map)
        ObjectPrototype.hasOwnProperty.call(map, name) && defineProperty(object, name, map[name], forceAssign);
    }, toObject = function(o) {
      if (o == null)
        throw new TypeError("can't convert " + o + " to object");
      return Object(o);
    };
    function toInteger(num) {
      var n = +num;
      return n !== n ? n = 0 : n !== 0 && n !== 1 / 0 && n !== -1 / 0 && (n = (n > 0 || -1) * Math.floor(Math.abs(n))), n;
    }
    function ToUint32(x) {
      return x >>> 0;
    }
    function Empty() {
    }
    defineProperties(FunctionPrototype, {
      bind: function(that) {
        var target = this;
        if (!isFunction(target))
          throw new TypeError("Function.prototype.bind called on incompatible " + target);
        for (var args = array_slice.call(arguments, 1), binder = function() {
          if (this instanceof bound) {
            var result = target.apply(
              this,
              args.concat(array_slice.call(arguments))
            );
            return Object(result) === result ? result : this;
          } else
            return target.apply(
              that,
              args.concat(array_slice.call(arguments))
            );
        }, boundLength = Math.max(0, target.length - args.length), boundArgs = [], i = 0; i < boundLength; i++)
          boundArgs.push("$" + i);
        var bound = Function("binder", "return function (" + boundArgs.join(",") + "){ return binder.apply(this, arguments); }")(binder);
        return target.prototype && (Empty.prototype = target.prototype, bound.prototype = new Empty(), Empty.prototype = null), bound;
      }
    });
    defineProperties(Array, { isArray });
    var boxedString = Object("a"), splitString = boxedString[0] !== "a" || !(0 in boxedString), properlyBoxesContext = function(method) {
      var properlyBoxesNonStrict = !0, properlyBoxesStrict = !0;
      return method && (method.call("foo", function(_, __, context) {
        typeof context != "object" && (properlyBoxesNonStrict = !1);
      }), method.call([1], function() {
        "use strict";
        properlyBoxesStrict = typeof this == "string";
      }, "x")), !!method && properlyBoxesNonStrict && properlyBoxesStrict;
    };
    defineProperties(ArrayPrototype, {
      forEach: function(fun) {
        var object = toObject(this), self2 = splitString && isString(this) ? this.split("") : object, thisp = arguments[1], i = -1, length = self2.length >>> 0;
        if (!isFunction(fun))
          throw new TypeError();
        for (; ++i < length; )
          i in self2 && fun.call(thisp, self2[i], i, object);
      }
    }, !properlyBoxesContext(ArrayPrototype.forEach));
    var hasFirefox2IndexOfBug = Array.prototype.indexOf && [0, 1].indexOf(1, 2) !== -1;
    defineProperties(ArrayPrototype, {
      indexOf: function(sought) {
        var self2 = splitString && isString(this) ? this.split("") : toObject(this), length = self2.length >>> 0;
        if (!length)
          return -1;
        var i = 0;
        for (arguments.length > 1 && (i = toInteger(arguments[1])), i = i >= 0 ? i : Math.max(0, length + i); i < length; i++)
          if (i in self2 && self2[i] === sought)
            return i;
        return -1;
      }
    }, hasFirefox2IndexOfBug);
    var string_split = StringPrototype.split;
    "ab".split(/(?:ab)*/).length !== 2 || ".".split(/(.?)(.?)/).length !== 4 || "tesst".split(/(s)*/)[1] === "t" || "test".split(/(?:)/, -1).length !== 4 || "".split(/.?/).length || ".".split(/()()/).length > 1 ? (function() {
      var compliantExecNpcg = /()??/.exec("")[1] === void 0;
      StringPrototype.split = function(separator, limit) {
        var string = this;
        if (separator === void 0 && limit === 0)
          return [];
        if (_toString.call(separator) !== "[object RegExp]")
          return string_split.call(this, separator, limit);
        var output = [], flags = (separator.ignoreCase ? "i" : "") + (separator.multiline ? "m" : "") + (separator.extended ? "x" : "") + // Proposed for ES6
        (separator.sticky ? "y" : ""), lastLastIndex = 0, separator2, match, lastIndex, lastLength;
        for (separator = new RegExp(separator.source, flags + "g"), string += "", compliantExecNpcg || (separator2 = new RegExp("^" + separator.source + "$(?!\\s)", flags)), limit = limit === void 0 ? -1 >>> 0 : (
          // Math.pow(2, 32) - 1
          ToUint32(limit)
        ); (match = separator.exec(string)) && (lastIndex = match.index + match[0].length, !(lastIndex > lastLastIndex && (output.push(string.slice(lastLastIndex, match.index)), !compliantExecNpcg && match.length > 1 && match[0].replace(separator2, function() {
          for (var i = 1; i < arguments.length - 2; i++)
            arguments[i] === void 0 && (match[i] = void 0);
        }), match.length > 1 && match.index < string.length && ArrayPrototype.push.apply(output, match.slice(1)), lastLength = match[0].length, lastLastIndex = lastIndex, output.length >= limit))); )
          separator.lastIndex === match.index && separator.lastIndex++;
        return lastLastIndex === string.length ? (lastLength || !separator.test("")) && output.push("") : output.push(string.slice(lastLastIndex)), output.length > limit ? output.slice(0, limit) : output;
      };
    })() : "0".split(void 0, 0).length && (StringPrototype.split = function(separator, limit) {
      return separator === void 0 && limit === 0 ? [] : string_split.call(this, separator, limit);
    });
    var string_substr = StringPrototype.substr, hasNegativeSubstrBug = "".substr && "0b".substr(-1) !== "b";
    defineProperties(StringPrototype, {
      substr: function(start, length) {
        return string_substr.call(
          this,
          start < 0 && (start = this.length + start) < 0 ? 0 : start,
          length
        );
      }
    }, hasNegativeSubstrBug);
  }
});

// node_modules/sockjs-client/lib/utils/escape.js
var require_escape = __commonJS({
  "node_modules/sockjs-client/lib/utils/escape.js"(exports, module) {
    "use strict";
    var extraEscapable = /[\x00-\x1f\ud800-\udfff\ufffe\uffff\u0300-\u0333\u033d-\u0346\u034a-\u034c\u0350-\u0352\u0357-\u0358\u035c-\u0362\u0374\u037e\u0387\u0591-\u05af\u05c4\u0610-\u0617\u0653-\u0654\u0657-\u065b\u065d-\u065e\u06df-\u06e2\u06eb-\u06ec\u0730\u0732-\u0733\u0735-\u0736\u073a\u073d\u073f-\u0741\u0743\u0745\u0747\u07eb-\u07f1\u0951\u0958-\u095f\u09dc-\u09dd\u09df\u0a33\u0a36\u0a59-\u0a5b\u0a5e\u0b5c-\u0b5d\u0e38-\u0e39\u0f43\u0f4d\u0f52\u0f57\u0f5c\u0f69\u0f72-\u0f76\u0f78\u0f80-\u0f83\u0f93\u0f9d\u0fa2\u0fa7\u0fac\u0fb9\u1939-\u193a\u1a17\u1b6b\u1cda-\u1cdb\u1dc0-\u1dcf\u1dfc\u1dfe\u1f71\u1f73\u1f75\u1f77\u1f79\u1f7b\u1f7d\u1fbb\u1fbe\u1fc9\u1fcb\u1fd3\u1fdb\u1fe3\u1feb\u1fee-\u1fef\u1ff9\u1ffb\u1ffd\u2000-\u2001\u20d0-\u20d1\u20d4-\u20d7\u20e7-\u20e9\u2126\u212a-\u212b\u2329-\u232a\u2adc\u302b-\u302c\uaab2-\uaab3\uf900-\ufa0d\ufa10\ufa12\ufa15-\ufa1e\ufa20\ufa22\ufa25-\ufa26\ufa2a-\ufa2d\ufa30-\ufa6d\ufa70-\ufad9\ufb1d\ufb1f\ufb2a-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufb4e\ufff0-\uffff]/g, extraLookup, unrollLookup = function(escapable) {
      var i, unrolled = {}, c = [];
      for (i = 0; i < 65536; i++)
        c.push(String.fromCharCode(i));
      return escapable.lastIndex = 0, c.join("").replace(escapable, function(a) {
        return unrolled[a] = "\\u" + ("0000" + a.charCodeAt(0).toString(16)).slice(-4), "";
      }), escapable.lastIndex = 0, unrolled;
    };
    module.exports = {
      quote: function(string) {
        var quoted = JSON.stringify(string);
        return extraEscapable.lastIndex = 0, extraEscapable.test(quoted) ? (extraLookup || (extraLookup = unrollLookup(extraEscapable)), quoted.replace(extraEscapable, function(a) {
          return extraLookup[a];
        })) : quoted;
      }
    };
  }
});

// node_modules/sockjs-client/lib/utils/transport.js
var require_transport = __commonJS({
  "node_modules/sockjs-client/lib/utils/transport.js"(exports, module) {
    "use strict";
    var debug = function() {
    };
    module.exports = function(availableTransports) {
      return {
        filterToEnabled: function(transportsWhitelist, info) {
          var transports = {
            main: [],
            facade: []
          };
          return transportsWhitelist ? typeof transportsWhitelist == "string" && (transportsWhitelist = [transportsWhitelist]) : transportsWhitelist = [], availableTransports.forEach(function(trans) {
            if (trans) {
              if (trans.transportName === "websocket" && info.websocket === !1) {
                debug("disabled from server", "websocket");
                return;
              }
              if (transportsWhitelist.length && transportsWhitelist.indexOf(trans.transportName) === -1) {
                debug("not in whitelist", trans.transportName);
                return;
              }
              trans.enabled(info) ? (debug("enabled", trans.transportName), transports.main.push(trans), trans.facadeTransport && transports.facade.push(trans.facadeTransport)) : debug("disabled", trans.transportName);
            }
          }), transports;
        }
      };
    };
  }
});

// node_modules/sockjs-client/lib/utils/log.js
var require_log = __commonJS({
  "node_modules/sockjs-client/lib/utils/log.js"(exports, module) {
    "use strict";
    var logObject = {};
    ["log", "debug", "warn"].forEach(function(level) {
      var levelExists;
      try {
        levelExists = globalThis.console && globalThis.console[level] && globalThis.console[level].apply;
      } catch {
      }
      logObject[level] = levelExists ? function() {
        return globalThis.console[level].apply(globalThis.console, arguments);
      } : level === "log" ? function() {
      } : logObject.log;
    });
    module.exports = logObject;
  }
});

// node_modules/sockjs-client/lib/event/event.js
var require_event2 = __commonJS({
  "node_modules/sockjs-client/lib/event/event.js"(exports, module) {
    "use strict";
    function Event(eventType) {
      this.type = eventType;
    }
    Event.prototype.initEvent = function(eventType, canBubble, cancelable) {
      return this.type = eventType, this.bubbles = canBubble, this.cancelable = cancelable, this.timeStamp = +/* @__PURE__ */ new Date(), this;
    };
    Event.prototype.stopPropagation = function() {
    };
    Event.prototype.preventDefault = function() {
    };
    Event.CAPTURING_PHASE = 1;
    Event.AT_TARGET = 2;
    Event.BUBBLING_PHASE = 3;
    module.exports = Event;
  }
});

// node_modules/sockjs-client/lib/location.js
var require_location = __commonJS({
  "node_modules/sockjs-client/lib/location.js"(exports, module) {
    "use strict";
    module.exports = globalThis.location || {
      origin: "http://localhost:80",
      protocol: "http:",
      host: "localhost",
      port: 80,
      href: "http://localhost/",
      hash: ""
    };
  }
});

// node_modules/sockjs-client/lib/event/close.js
var require_close = __commonJS({
  "node_modules/sockjs-client/lib/event/close.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), Event = require_event2();
    function CloseEvent() {
      Event.call(this), this.initEvent("close", !1, !1), this.wasClean = !1, this.code = 0, this.reason = "";
    }
    inherits(CloseEvent, Event);
    module.exports = CloseEvent;
  }
});

// node_modules/sockjs-client/lib/event/trans-message.js
var require_trans_message = __commonJS({
  "node_modules/sockjs-client/lib/event/trans-message.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), Event = require_event2();
    function TransportMessageEvent(data) {
      Event.call(this), this.initEvent("message", !1, !1), this.data = data;
    }
    inherits(TransportMessageEvent, Event);
    module.exports = TransportMessageEvent;
  }
});

// node_modules/sockjs-client/lib/transport/sender/xhr-fake.js
var require_xhr_fake = __commonJS({
  "node_modules/sockjs-client/lib/transport/sender/xhr-fake.js"(exports, module) {
    "use strict";
    var EventEmitter = require_emitter().EventEmitter, inherits = require_inherits_browser();
    function XHRFake() {
      var self2 = this;
      EventEmitter.call(this), this.to = setTimeout(function() {
        self2.emit("finish", 200, "{}");
      }, XHRFake.timeout);
    }
    inherits(XHRFake, EventEmitter);
    XHRFake.prototype.close = function() {
      clearTimeout(this.to);
    };
    XHRFake.timeout = 2e3;
    module.exports = XHRFake;
  }
});

// node_modules/sockjs-client/lib/info-ajax.js
var require_info_ajax = __commonJS({
  "node_modules/sockjs-client/lib/info-ajax.js"(exports, module) {
    "use strict";
    var EventEmitter = require_emitter().EventEmitter, inherits = require_inherits_browser(), objectUtils = require_object(), debug = function() {
    };
    function InfoAjax(url, AjaxObject) {
      EventEmitter.call(this);
      var self2 = this, t0 = +/* @__PURE__ */ new Date();
      this.xo = new AjaxObject("GET", url), this.xo.once("finish", function(status, text) {
        var info, rtt;
        if (status === 200) {
          if (rtt = +/* @__PURE__ */ new Date() - t0, text)
            try {
              info = JSON.parse(text);
            } catch {
              debug("bad json", text);
            }
          objectUtils.isObject(info) || (info = {});
        }
        self2.emit("finish", info, rtt), self2.removeAllListeners();
      });
    }
    inherits(InfoAjax, EventEmitter);
    InfoAjax.prototype.close = function() {
      this.removeAllListeners(), this.xo.close();
    };
    module.exports = InfoAjax;
  }
});

// node_modules/sockjs-client/lib/info-iframe-receiver.js
var require_info_iframe_receiver = __commonJS({
  "node_modules/sockjs-client/lib/info-iframe-receiver.js"(exports, module) {
    "use strict";
    var inherits = require_inherits_browser(), EventEmitter = require_emitter().EventEmitter, XHRLocalObject = require_xhr_local(), InfoAjax = require_info_ajax();
    function InfoReceiverIframe(transUrl) {
      var self2 = this;
      EventEmitter.call(this), this.ir = new InfoAjax(transUrl, XHRLocalObject), this.ir.once("finish", function(info, rtt) {
        self2.ir = null, self2.emit("message", JSON.stringify([info, rtt]));
      });
    }
    inherits(InfoReceiverIframe, EventEmitter);
    InfoReceiverIframe.transportName = "iframe-info-receiver";
    InfoReceiverIframe.prototype.close = function() {
      this.ir && (this.ir.close(), this.ir = null), this.removeAllListeners();
    };
    module.exports = InfoReceiverIframe;
  }
});

// node_modules/sockjs-client/lib/info-iframe.js
var require_info_iframe = __commonJS({
  "node_modules/sockjs-client/lib/info-iframe.js"(exports, module) {
    "use strict";
    var EventEmitter = require_emitter().EventEmitter, inherits = require_inherits_browser(), utils = require_event(), IframeTransport = require_iframe2(), InfoReceiverIframe = require_info_iframe_receiver(), debug = function() {
    };
    function InfoIframe(baseUrl, url) {
      var self2 = this;
      EventEmitter.call(this);
      var go = function() {
        var ifr = self2.ifr = new IframeTransport(InfoReceiverIframe.transportName, url, baseUrl);
        ifr.once("message", function(msg) {
          if (msg) {
            var d;
            try {
              d = JSON.parse(msg);
            } catch {
              debug("bad json", msg), self2.emit("finish"), self2.close();
              return;
            }
            var info = d[0], rtt = d[1];
            self2.emit("finish", info, rtt);
          }
          self2.close();
        }), ifr.once("close", function() {
          self2.emit("finish"), self2.close();
        });
      };
      globalThis.document.body ? go() : utils.attachEvent("load", go);
    }
    inherits(InfoIframe, EventEmitter);
    InfoIframe.enabled = function() {
      return IframeTransport.enabled();
    };
    InfoIframe.prototype.close = function() {
      this.ifr && this.ifr.close(), this.removeAllListeners(), this.ifr = null;
    };
    module.exports = InfoIframe;
  }
});

// node_modules/sockjs-client/lib/info-receiver.js
var require_info_receiver = __commonJS({
  "node_modules/sockjs-client/lib/info-receiver.js"(exports, module) {
    "use strict";
    var EventEmitter = require_emitter().EventEmitter, inherits = require_inherits_browser(), urlUtils = require_url(), XDR = require_xdr(), XHRCors = require_xhr_cors(), XHRLocal = require_xhr_local(), XHRFake = require_xhr_fake(), InfoIframe = require_info_iframe(), InfoAjax = require_info_ajax(), debug = function() {
    };
    function InfoReceiver(baseUrl, urlInfo) {
      debug(baseUrl);
      var self2 = this;
      EventEmitter.call(this), setTimeout(function() {
        self2.doXhr(baseUrl, urlInfo);
      }, 0);
    }
    inherits(InfoReceiver, EventEmitter);
    InfoReceiver._getReceiver = function(baseUrl, url, urlInfo) {
      return urlInfo.sameOrigin ? new InfoAjax(url, XHRLocal) : XHRCors.enabled ? new InfoAjax(url, XHRCors) : XDR.enabled && urlInfo.sameScheme ? new InfoAjax(url, XDR) : InfoIframe.enabled() ? new InfoIframe(baseUrl, url) : new InfoAjax(url, XHRFake);
    };
    InfoReceiver.prototype.doXhr = function(baseUrl, urlInfo) {
      var self2 = this, url = urlUtils.addPath(baseUrl, "/info");
      debug("doXhr", url), this.xo = InfoReceiver._getReceiver(baseUrl, url, urlInfo), this.timeoutRef = setTimeout(function() {
        debug("timeout"), self2._cleanup(!1), self2.emit("finish");
      }, InfoReceiver.timeout), this.xo.once("finish", function(info, rtt) {
        debug("finish", info, rtt), self2._cleanup(!0), self2.emit("finish", info, rtt);
      });
    };
    InfoReceiver.prototype._cleanup = function(wasClean) {
      debug("_cleanup"), clearTimeout(this.timeoutRef), this.timeoutRef = null, !wasClean && this.xo && this.xo.close(), this.xo = null;
    };
    InfoReceiver.prototype.close = function() {
      debug("close"), this.removeAllListeners(), this._cleanup(!1);
    };
    InfoReceiver.timeout = 8e3;
    module.exports = InfoReceiver;
  }
});

// node_modules/sockjs-client/lib/facade.js
var require_facade = __commonJS({
  "node_modules/sockjs-client/lib/facade.js"(exports, module) {
    "use strict";
    var iframeUtils = require_iframe();
    function FacadeJS(transport) {
      this._transport = transport, transport.on("message", this._transportMessage.bind(this)), transport.on("close", this._transportClose.bind(this));
    }
    FacadeJS.prototype._transportClose = function(code, reason) {
      iframeUtils.postMessage("c", JSON.stringify([code, reason]));
    };
    FacadeJS.prototype._transportMessage = function(frame) {
      iframeUtils.postMessage("t", frame);
    };
    FacadeJS.prototype._send = function(data) {
      this._transport.send(data);
    };
    FacadeJS.prototype._close = function() {
      this._transport.close(), this._transport.removeAllListeners();
    };
    module.exports = FacadeJS;
  }
});

// node_modules/sockjs-client/lib/iframe-bootstrap.js
var require_iframe_bootstrap = __commonJS({
  "node_modules/sockjs-client/lib/iframe-bootstrap.js"(exports, module) {
    "use strict";
    var urlUtils = require_url(), eventUtils = require_event(), FacadeJS = require_facade(), InfoIframeReceiver = require_info_iframe_receiver(), iframeUtils = require_iframe(), loc = require_location(), debug = function() {
    };
    module.exports = function(SockJS2, availableTransports) {
      var transportMap = {};
      availableTransports.forEach(function(at) {
        at.facadeTransport && (transportMap[at.facadeTransport.transportName] = at.facadeTransport);
      }), transportMap[InfoIframeReceiver.transportName] = InfoIframeReceiver;
      var parentOrigin;
      SockJS2.bootstrap_iframe = function() {
        var facade;
        iframeUtils.currentWindowId = loc.hash.slice(1);
        var onMessage = function(e) {
          if (e.source === parent && (typeof parentOrigin > "u" && (parentOrigin = e.origin), e.origin === parentOrigin)) {
            var iframeMessage;
            try {
              iframeMessage = JSON.parse(e.data);
            } catch {
              debug("bad json", e.data);
              return;
            }
            if (iframeMessage.windowId === iframeUtils.currentWindowId)
              switch (iframeMessage.type) {
                case "s":
                  var p;
                  try {
                    p = JSON.parse(iframeMessage.data);
                  } catch {
                    debug("bad json", iframeMessage.data);
                    break;
                  }
                  var version = p[0], transport = p[1], transUrl = p[2], baseUrl = p[3];
                  if (debug(version, transport, transUrl, baseUrl), version !== SockJS2.version)
                    throw new Error('Incompatible SockJS! Main site uses: "' + version + '", the iframe: "' + SockJS2.version + '".');
                  if (!urlUtils.isOriginEqual(transUrl, loc.href) || !urlUtils.isOriginEqual(baseUrl, loc.href))
                    throw new Error("Can't connect to different domain from within an iframe. (" + loc.href + ", " + transUrl + ", " + baseUrl + ")");
                  facade = new FacadeJS(new transportMap[transport](transUrl, baseUrl));
                  break;
                case "m":
                  facade._send(iframeMessage.data);
                  break;
                case "c":
                  facade && facade._close(), facade = null;
                  break;
              }
          }
        };
        eventUtils.attachEvent("message", onMessage), iframeUtils.postMessage("s");
      };
    };
  }
});

// node_modules/sockjs-client/lib/main.js
var require_main = __commonJS({
  "node_modules/sockjs-client/lib/main.js"(exports, module) {
    "use strict";
    require_shims();
    var URL2 = require_url_parse(), inherits = require_inherits_browser(), random = require_random(), escape = require_escape(), urlUtils = require_url(), eventUtils = require_event(), transport = require_transport(), objectUtils = require_object(), browser = require_browser(), log = require_log(), Event = require_event2(), EventTarget2 = require_eventtarget(), loc = require_location(), CloseEvent = require_close(), TransportMessageEvent = require_trans_message(), InfoReceiver = require_info_receiver(), debug = function() {
    }, transports;
    function SockJS2(url, protocols, options) {
      if (!(this instanceof SockJS2))
        return new SockJS2(url, protocols, options);
      if (arguments.length < 1)
        throw new TypeError("Failed to construct 'SockJS: 1 argument required, but only 0 present");
      EventTarget2.call(this), this.readyState = SockJS2.CONNECTING, this.extensions = "", this.protocol = "", options = options || {}, options.protocols_whitelist && log.warn("'protocols_whitelist' is DEPRECATED. Use 'transports' instead."), this._transportsWhitelist = options.transports, this._transportOptions = options.transportOptions || {}, this._timeout = options.timeout || 0;
      var sessionId = options.sessionId || 8;
      if (typeof sessionId == "function")
        this._generateSessionId = sessionId;
      else if (typeof sessionId == "number")
        this._generateSessionId = function() {
          return random.string(sessionId);
        };
      else
        throw new TypeError("If sessionId is used in the options, it needs to be a number or a function.");
      this._server = options.server || random.numberString(1e3);
      var parsedUrl = new URL2(url);
      if (!parsedUrl.host || !parsedUrl.protocol)
        throw new SyntaxError("The URL '" + url + "' is invalid");
      if (parsedUrl.hash)
        throw new SyntaxError("The URL must not contain a fragment");
      if (parsedUrl.protocol !== "http:" && parsedUrl.protocol !== "https:")
        throw new SyntaxError("The URL's scheme must be either 'http:' or 'https:'. '" + parsedUrl.protocol + "' is not allowed.");
      var secure = parsedUrl.protocol === "https:";
      if (loc.protocol === "https:" && !secure && !urlUtils.isLoopbackAddr(parsedUrl.hostname))
        throw new Error("SecurityError: An insecure SockJS connection may not be initiated from a page loaded over HTTPS");
      protocols ? Array.isArray(protocols) || (protocols = [protocols]) : protocols = [];
      var sortedProtocols = protocols.sort();
      sortedProtocols.forEach(function(proto, i) {
        if (!proto)
          throw new SyntaxError("The protocols entry '" + proto + "' is invalid.");
        if (i < sortedProtocols.length - 1 && proto === sortedProtocols[i + 1])
          throw new SyntaxError("The protocols entry '" + proto + "' is duplicated.");
      });
      var o = urlUtils.getOrigin(loc.href);
      this._origin = o ? o.toLowerCase() : null, parsedUrl.set("pathname", parsedUrl.pathname.replace(/\/+$/, "")), this.url = parsedUrl.href, debug("using url", this.url), this._urlInfo = {
        nullOrigin: !browser.hasDomain(),
        sameOrigin: urlUtils.isOriginEqual(this.url, loc.href),
        sameScheme: urlUtils.isSchemeEqual(this.url, loc.href)
      }, this._ir = new InfoReceiver(this.url, this._urlInfo), this._ir.once("finish", this._receiveInfo.bind(this));
    }
    inherits(SockJS2, EventTarget2);
    function userSetCode(code) {
      return code === 1e3 || code >= 3e3 && code <= 4999;
    }
    SockJS2.prototype.close = function(code, reason) {
      if (code && !userSetCode(code))
        throw new Error("InvalidAccessError: Invalid code");
      if (reason && reason.length > 123)
        throw new SyntaxError("reason argument has an invalid length");
      if (!(this.readyState === SockJS2.CLOSING || this.readyState === SockJS2.CLOSED)) {
        var wasClean = !0;
        this._close(code || 1e3, reason || "Normal closure", wasClean);
      }
    };
    SockJS2.prototype.send = function(data) {
      if (typeof data != "string" && (data = "" + data), this.readyState === SockJS2.CONNECTING)
        throw new Error("InvalidStateError: The connection has not been established yet");
      this.readyState === SockJS2.OPEN && this._transport.send(escape.quote(data));
    };
    SockJS2.version = require_version();
    SockJS2.CONNECTING = 0;
    SockJS2.OPEN = 1;
    SockJS2.CLOSING = 2;
    SockJS2.CLOSED = 3;
    SockJS2.prototype._receiveInfo = function(info, rtt) {
      if (debug("_receiveInfo", rtt), this._ir = null, !info) {
        this._close(1002, "Cannot connect to server");
        return;
      }
      this._rto = this.countRTO(rtt), this._transUrl = info.base_url ? info.base_url : this.url, info = objectUtils.extend(info, this._urlInfo), debug("info", info);
      var enabledTransports = transports.filterToEnabled(this._transportsWhitelist, info);
      this._transports = enabledTransports.main, debug(this._transports.length + " enabled transports"), this._connect();
    };
    SockJS2.prototype._connect = function() {
      for (var Transport = this._transports.shift(); Transport; Transport = this._transports.shift()) {
        if (debug("attempt", Transport.transportName), Transport.needBody && (!globalThis.document.body || typeof globalThis.document.readyState < "u" && globalThis.document.readyState !== "complete" && globalThis.document.readyState !== "interactive")) {
          debug("waiting for body"), this._transports.unshift(Transport), eventUtils.attachEvent("load", this._connect.bind(this));
          return;
        }
        var timeoutMs = Math.max(this._timeout, this._rto * Transport.roundTrips || 5e3);
        this._transportTimeoutId = setTimeout(this._transportTimeout.bind(this), timeoutMs), debug("using timeout", timeoutMs);
        var transportUrl = urlUtils.addPath(this._transUrl, "/" + this._server + "/" + this._generateSessionId()), options = this._transportOptions[Transport.transportName];
        debug("transport url", transportUrl);
        var transportObj = new Transport(transportUrl, this._transUrl, options);
        transportObj.on("message", this._transportMessage.bind(this)), transportObj.once("close", this._transportClose.bind(this)), transportObj.transportName = Transport.transportName, this._transport = transportObj;
        return;
      }
      this._close(2e3, "All transports failed", !1);
    };
    SockJS2.prototype._transportTimeout = function() {
      debug("_transportTimeout"), this.readyState === SockJS2.CONNECTING && (this._transport && this._transport.close(), this._transportClose(2007, "Transport timed out"));
    };
    SockJS2.prototype._transportMessage = function(msg) {
      debug("_transportMessage", msg);
      var self2 = this, type = msg.slice(0, 1), content = msg.slice(1), payload;
      switch (type) {
        case "o":
          this._open();
          return;
        case "h":
          this.dispatchEvent(new Event("heartbeat")), debug("heartbeat", this.transport);
          return;
      }
      if (content)
        try {
          payload = JSON.parse(content);
        } catch {
          debug("bad json", content);
        }
      if (typeof payload > "u") {
        debug("empty payload", content);
        return;
      }
      switch (type) {
        case "a":
          Array.isArray(payload) && payload.forEach(function(p) {
            debug("message", self2.transport, p), self2.dispatchEvent(new TransportMessageEvent(p));
          });
          break;
        case "m":
          debug("message", this.transport, payload), this.dispatchEvent(new TransportMessageEvent(payload));
          break;
        case "c":
          Array.isArray(payload) && payload.length === 2 && this._close(payload[0], payload[1], !0);
          break;
      }
    };
    SockJS2.prototype._transportClose = function(code, reason) {
      if (debug("_transportClose", this.transport, code, reason), this._transport && (this._transport.removeAllListeners(), this._transport = null, this.transport = null), !userSetCode(code) && code !== 2e3 && this.readyState === SockJS2.CONNECTING) {
        this._connect();
        return;
      }
      this._close(code, reason);
    };
    SockJS2.prototype._open = function() {
      debug("_open", this._transport && this._transport.transportName, this.readyState), this.readyState === SockJS2.CONNECTING ? (this._transportTimeoutId && (clearTimeout(this._transportTimeoutId), this._transportTimeoutId = null), this.readyState = SockJS2.OPEN, this.transport = this._transport.transportName, this.dispatchEvent(new Event("open")), debug("connected", this.transport)) : this._close(1006, "Server lost session");
    };
    SockJS2.prototype._close = function(code, reason, wasClean) {
      debug("_close", this.transport, code, reason, wasClean, this.readyState);
      var forceFail = !1;
      if (this._ir && (forceFail = !0, this._ir.close(), this._ir = null), this._transport && (this._transport.close(), this._transport = null, this.transport = null), this.readyState === SockJS2.CLOSED)
        throw new Error("InvalidStateError: SockJS has already been closed");
      this.readyState = SockJS2.CLOSING, setTimeout(function() {
        this.readyState = SockJS2.CLOSED, forceFail && this.dispatchEvent(new Event("error"));
        var e = new CloseEvent("close");
        e.wasClean = wasClean || !1, e.code = code || 1e3, e.reason = reason, this.dispatchEvent(e), this.onmessage = this.onclose = this.onerror = null, debug("disconnected");
      }.bind(this), 0);
    };
    SockJS2.prototype.countRTO = function(rtt) {
      return rtt > 100 ? 4 * rtt : 300 + rtt;
    };
    module.exports = function(availableTransports) {
      return transports = transport(availableTransports), require_iframe_bootstrap()(SockJS2, availableTransports), SockJS2;
    };
  }
});

// node_modules/sockjs-client/lib/entry.js
var require_entry = __commonJS({
  "node_modules/sockjs-client/lib/entry.js"(exports, module) {
    "use strict";
    var transportList = require_transport_list();
    module.exports = require_main()(transportList);
    "_sockjs_onload" in globalThis && setTimeout(globalThis._sockjs_onload, 1);
  }
});

// src/bundle.js
var import_sockjs_client = __toESM(require_entry(), 1);

// src/perfect-negotiation.js
function perfectNegotiation(client, peerId, pc, { polite, onError = console.error, backlog = [] } = {}) {
  if (typeof polite != "boolean") throw new TypeError("perfectNegotiation needs {polite: true|false}");
  let makingOffer = !1, ignoreOffer = !1, isSettingRemoteAnswerPending = !1, send = (content) => client.send(peerId, content).catch(onError), onNegotiationNeeded = async () => {
    try {
      makingOffer = !0, await pc.setLocalDescription(), send({ kind: "description", description: pc.localDescription });
    } catch (err) {
      onError(err);
    } finally {
      makingOffer = !1;
    }
  }, onIceCandidate = ({ candidate }) => {
    candidate && send({ kind: "candidate", candidate });
  }, receive = async (content) => {
    try {
      if (content?.kind === "description") {
        let { description } = content, readyForOffer = !makingOffer && (pc.signalingState === "stable" || isSettingRemoteAnswerPending), offerCollision = description.type === "offer" && !readyForOffer;
        if (ignoreOffer = !polite && offerCollision, ignoreOffer) return;
        isSettingRemoteAnswerPending = description.type === "answer", await pc.setRemoteDescription(description), isSettingRemoteAnswerPending = !1, description.type === "offer" && (await pc.setLocalDescription(), send({ kind: "description", description: pc.localDescription }));
      } else if (content?.kind === "candidate")
        try {
          await pc.addIceCandidate(content.candidate);
        } catch (err) {
          if (!ignoreOffer) throw err;
        }
    } catch (err) {
      onError(err);
    }
  }, fromBacklog = new Set(backlog.map((signal) => signal.id)), onSignal = ({ detail }) => {
    detail.from === peerId && !fromBacklog.delete(detail.id) && receive(detail.content);
  };
  pc.addEventListener("negotiationneeded", onNegotiationNeeded), pc.addEventListener("icecandidate", onIceCandidate), client.addEventListener("signal", onSignal);
  for (let signal of backlog) receive(signal.content);
  return function() {
    pc.removeEventListener("negotiationneeded", onNegotiationNeeded), pc.removeEventListener("icecandidate", onIceCandidate), client.removeEventListener("signal", onSignal);
  };
}

// src/signaling-client.js
var DEFAULT_TRANSPORTS = Object.freeze(["websocket", "xhr-streaming", "eventsource", "xhr-polling"]), DEFAULT_RECONNECT = Object.freeze({ maxAttempts: 12, baseDelayMs: 250, maxDelayMs: 1e4 }), SignalingError = class extends Error {
  constructor(code, message, { id, status } = {}) {
    super(message || code), this.name = "SignalingError", this.code = code, id !== void 0 && (this.id = id), status !== void 0 && (this.status = status);
  }
};
function connect(options) {
  return SignalingClient.open(options);
}
function backoffDelay(attempt, { baseDelayMs, maxDelayMs }) {
  return Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
}
function randomHex(bytes) {
  return Array.from(
    globalThis.crypto.getRandomValues(new Uint8Array(bytes)),
    (b) => b.toString(16).padStart(2, "0")
  ).join("");
}
var SignalingClient = class _SignalingClient extends EventTarget {
  #sessionUrl;
  #SockJS;
  #transports;
  #reconnect;
  #session = null;
  // the /connect answer of the current session
  #sock = null;
  // set only while the connection is open
  #pending = /* @__PURE__ */ new Map();
  // id → {resolve, reject} of sends not yet acked
  #idPrefix = randomHex(6);
  #idCounter = 0;
  #closing = !1;
  #closeEmitted = !1;
  #wake = null;
  // cuts a reconnect backoff short when close() is called
  #closedPromise;
  #resolveClosed;
  constructor({ sessionUrl, userId, transports = DEFAULT_TRANSPORTS, reconnect = {}, SockJS: SockJS2 = globalThis.SockJS } = {}) {
    if (super(), !sessionUrl || !userId) throw new TypeError("connect() needs sessionUrl and userId");
    if (typeof SockJS2 != "function")
      throw new TypeError("SockJS not found: load sockjs-client first, pass options.SockJS, or use /client/signaling-client.js");
    this.#sessionUrl = String(sessionUrl).replace(/\/+$/, ""), this.#SockJS = SockJS2, this.#transports = transports, this.#reconnect = reconnect === !1 ? { ...DEFAULT_RECONNECT, maxAttempts: 0 } : { ...DEFAULT_RECONNECT, ...reconnect }, this.#closedPromise = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    }), this.userId = userId, this.iceServers = [];
  }
  /** True while the SockJS connection is open. */
  get connected() {
    return this.#sock !== null;
  }
  /** Subscribes to an event; the listener gets the event's detail. Returns the unsubscribe function. */
  on(type, listener) {
    let wrapped = (event) => listener(event.detail);
    return this.addEventListener(type, wrapped), () => this.removeEventListener(type, wrapped);
  }
  /** Sends a signal; resolves with `{id}` on the gateway's ack, rejects with a SignalingError. */
  send(to, content, { id = this.#nextId() } = {}) {
    if (!this.#sock) return Promise.reject(new SignalingError("not-connected", "not connected", { id }));
    let frame = { to, content, id };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject }), this.#sock.send(JSON.stringify(frame)), this.#emit("frame", { direction: "sent", frame });
    });
  }
  /** Ends the session for good: DELETE /sessions/{userId} (best effort), then closes the connection. */
  close() {
    if (this.#closing) return this.#closedPromise;
    this.#closing = !0, this.#wake?.();
    let session = this.#session, sock = this.#sock;
    return (async () => (await this.#deleteSession(session), sock ? sock.close(1e3, "closed by client") : this.#emitClose(1e3, "closed by client")))(), this.#closedPromise;
  }
  /** The first session: no retries, so a taken name or a wrong URL is reported at once. */
  static async open(options) {
    let client = new _SignalingClient(options);
    return await client.#openSession(), client.#emit("open", { userId: client.userId }), client;
  }
  async #openSession() {
    let session = await this.#createSession();
    this.#session = session, this.iceServers = await this.#fetchIceServers(session);
    let sock;
    try {
      sock = await this.#openSocket(session);
    } catch (err) {
      throw await this.#deleteSession(session), err;
    }
    if (this.#closing) {
      await this.#deleteSession(session), sock.close(1e3, "closed by client");
      return;
    }
    this.#sock = sock;
  }
  async #createSession() {
    let response = await fetch(`${this.#sessionUrl}/connect`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userId: this.userId })
    }), body = await response.json().catch(() => ({}));
    if (!response.ok)
      throw new SignalingError(
        body.error ?? `http-${response.status}`,
        body.message ?? `POST /connect answered ${response.status}`,
        { status: response.status }
      );
    return body;
  }
  /** The platform's STUN/TURN list when it has the endpoint; no external default (no third-party STUN). */
  async #fetchIceServers(session) {
    try {
      let url = `${this.#sessionUrl}/ice-servers?userId=${encodeURIComponent(this.userId)}`, response = await fetch(url, { headers: { Authorization: `Bearer ${session.listeningKey}` } });
      if (response.status !== 200) return [];
      let body = await response.json();
      return Array.isArray(body) ? body : body.iceServers ?? [];
    } catch {
      return [];
    }
  }
  #openSocket(session) {
    let url = new URL(session.listeningAddress);
    url.searchParams.set("userId", this.userId), url.searchParams.set("token", session.listeningKey);
    let sock = new this.#SockJS(url.toString(), null, { transports: this.#transports });
    return new Promise((resolve, reject) => {
      let opened = !1;
      sock.onopen = () => {
        opened = !0, resolve(sock);
      }, sock.onmessage = (event) => this.#receive(event.data), sock.onclose = (event) => {
        opened ? this.#sock === sock && this.#lost(event) : reject(new SignalingError("connection-refused", `SockJS closed before opening: ${event.code} ${event.reason}`));
      };
    });
  }
  #receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      this.#emit("error", { code: "invalid-frame", message: "the gateway sent a frame that is not JSON" });
      return;
    }
    this.#emit("frame", { direction: "received", frame });
    let pending = this.#pending.get(frame.id);
    if (frame.type === "signal") {
      let { id, from, to, content } = frame;
      this.#emit("signal", { id, from, to, content });
    } else if (frame.type === "ack" && pending)
      this.#pending.delete(frame.id), pending.resolve({ id: frame.id });
    else if (frame.type === "error" && pending)
      this.#pending.delete(frame.id), pending.reject(new SignalingError(frame.code, frame.message, { id: frame.id }));
    else if (frame.type === "error") {
      let { id, code, message } = frame;
      this.#emit("error", { id, code, message });
    }
  }
  #lost(event) {
    this.#sock = null;
    for (let { reject } of this.#pending.values())
      reject(new SignalingError("connection-lost", `connection lost before the ack (${event.code} ${event.reason})`));
    this.#pending.clear(), this.#closing ? this.#emitClose(1e3, "closed by client") : this.#reconnectLoop(event);
  }
  /** A new session each time: the old one is deleted server-side when its connection ends. */
  async #reconnectLoop(lostEvent) {
    let { maxAttempts } = this.#reconnect, lastError = `${lostEvent.code} ${lostEvent.reason}`;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let delayMs = backoffDelay(attempt, this.#reconnect);
      if (this.#emit("reconnecting", { attempt, delayMs }), await new Promise((resolve) => {
        let timer = setTimeout(resolve, delayMs);
        this.#wake = () => {
          clearTimeout(timer), resolve();
        };
      }), this.#closing) return this.#emitClose(1e3, "closed by client");
      try {
        if (await this.#openSession(), this.#closing) return this.#emitClose(1e3, "closed by client");
        this.#emit("open", { userId: this.userId, attempt });
        return;
      } catch (err) {
        lastError = err.message;
      }
    }
    let reason = maxAttempts === 0 ? `connection lost (${lastError}), reconnect disabled` : `connection lost; gave up reconnecting after ${maxAttempts} attempts (last error: ${lastError})`;
    this.#emitClose(lostEvent.code, reason);
  }
  async #deleteSession(session) {
    if (session)
      try {
        await fetch(`${this.#sessionUrl}/sessions/${encodeURIComponent(this.userId)}`, {
          method: "DELETE",
          headers: { Authorization: `Bearer ${session.listeningKey}` }
        });
      } catch {
      }
  }
  #emitClose(code, reason) {
    this.#closeEmitted || (this.#closeEmitted = !0, this.#closing = !0, this.#emit("close", { code, reason }), this.#resolveClosed({ code, reason }));
  }
  #nextId() {
    return `${this.#idPrefix}-${++this.#idCounter}`;
  }
  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
};

// src/bundle.js
function connect2(options) {
  return connect({ SockJS: import_sockjs_client.default, ...options });
}
var export_SockJS = import_sockjs_client.default;
export {
  DEFAULT_RECONNECT,
  DEFAULT_TRANSPORTS,
  SignalingError,
  export_SockJS as SockJS,
  connect2 as connect,
  perfectNegotiation
};
