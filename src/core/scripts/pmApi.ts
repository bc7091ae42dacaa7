/**
 * The Postman-compatible `pm` object, as JavaScript that runs inside the QuickJS sandbox (not in
 * Node). Core hands each script its data with `__parley.begin(json)` and reads back what the
 * script did with `__parley.finish()`. Kept as source text: it never runs in the host realm.
 * (No backticks or dollar-brace sequences below: this is a template literal.)
 */
export const pmApiSource = String.raw`
(function () {
  'use strict'
  var state = null
  var chai = null

  function unsupported(name) {
    return new Error(name + ' is not supported by Parley')
  }

  // Names of the Postman API that Parley does not provide fail with a message naming them.
  function guard(object, prefix, allowed) {
    return new Proxy(object, {
      get: function (target, key, receiver) {
        if (typeof key !== 'string' || key in target || allowed.indexOf(key) >= 0) return Reflect.get(target, key, receiver)
        if (key === 'then' || key === 'toJSON' || key === 'inspect' || key === 'constructor' || key === 'nodeType' || key.charAt(0) === '_') return undefined
        throw unsupported(prefix + '.' + key)
      }
    })
  }

  function format(value) {
    if (typeof value === 'string') return value
    if (value === undefined) return 'undefined'
    if (typeof value === 'function') return '[Function' + (value.name ? ' ' + value.name : '') + ']'
    if (value instanceof Error) return (value.name || 'Error') + ': ' + value.message
    try { return JSON.stringify(value) } catch (e) { return String(value) }
  }

  function consoleMethod(level) {
    return function () {
      if (!state || state.console.length >= 1000) return
      var parts = []
      for (var i = 0; i < arguments.length; i++) parts.push(format(arguments[i]))
      state.console.push({ level: level, text: parts.join(' ').slice(0, 10000) })
    }
  }
  globalThis.console = {
    log: consoleMethod('log'), info: consoleMethod('info'), warn: consoleMethod('warn'),
    error: consoleMethod('error'), debug: consoleMethod('log')
  }

  function scope(name, own, readOnly) {
    var api = {
      get: function (key) { var map = own(); return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined },
      has: function (key) { return Object.prototype.hasOwnProperty.call(own(), key) },
      toObject: function () { return Object.assign({}, own()) },
      replaceIn: function (text) { return replaceIn(text) }
    }
    if (readOnly) {
      api.set = function () { throw new Error(name + '.set is not available: ' + name + ' is read-only') }
    } else {
      api.set = function (key, value) { own()[String(key)] = value === undefined || value === null ? '' : typeof value === 'string' ? value : format(value) }
      api.unset = function (key) { delete own()[key] }
      api.clear = function () { var map = own(); Object.keys(map).forEach(function (k) { delete map[k] }) }
    }
    return guard(api, 'pm.' + name, [])
  }

  // Postman's precedence, with Parley's folder variables above the environment.
  function lookup(key) {
    var v = state.vars
    var layers = [v.local, v.data, v.folders, v.environment, v.collection, v.globals]
    for (var i = 0; i < layers.length; i++) {
      if (Object.prototype.hasOwnProperty.call(layers[i], key)) return layers[i][key]
    }
    return undefined
  }
  function replaceIn(text) {
    return String(text).replace(/\{\{([^{}]+)\}\}/g, function (whole, name) {
      var value = lookup(name.trim())
      return value === undefined ? whole : value
    })
  }

  function HeaderList(pairs) {
    this.members = pairs.map(function (p) { return { key: p.key, value: p.value, disabled: !!p.disabled } })
  }
  HeaderList.prototype.find = function (name) {
    var lower = String(name).toLowerCase()
    for (var i = 0; i < this.members.length; i++) if (!this.members[i].disabled && this.members[i].key.toLowerCase() === lower) return this.members[i]
    return undefined
  }
  HeaderList.prototype.get = function (name) { var h = this.find(name); return h ? h.value : undefined }
  HeaderList.prototype.has = function (name, value) { var h = this.find(name); return !!h && (value === undefined || h.value === value) }
  HeaderList.prototype.one = function (name) { return this.find(name) }
  HeaderList.prototype.all = function () { return this.members.slice() }
  HeaderList.prototype.count = function () { return this.members.length }
  HeaderList.prototype.each = function (fn) { this.members.forEach(fn) }
  HeaderList.prototype.map = function (fn) { return this.members.map(fn) }
  HeaderList.prototype.filter = function (fn) { return this.members.filter(fn) }
  HeaderList.prototype.toObject = function () { var o = {}; this.members.forEach(function (h) { if (!h.disabled) o[h.key.toLowerCase()] = h.value }); return o }
  HeaderList.prototype.toJSON = function () { return this.members.slice() }
  function asHeader(header, value) {
    if (typeof header === 'string') {
      if (value !== undefined) return { key: header, value: String(value) }
      var colon = header.indexOf(':')
      return { key: header.slice(0, colon).trim(), value: header.slice(colon + 1).trim() }
    }
    return { key: String(header.key), value: String(header.value === undefined ? '' : header.value), disabled: !!header.disabled }
  }
  HeaderList.prototype.add = function (header, value) { this.members.push(asHeader(header, value)) }
  HeaderList.prototype.append = HeaderList.prototype.add
  HeaderList.prototype.upsert = function (header, value) {
    var h = asHeader(header, value)
    var existing = this.find(h.key)
    if (existing) existing.value = h.value
    else this.members.push(h)
  }
  HeaderList.prototype.remove = function (name) {
    var lower = typeof name === 'string' ? name.toLowerCase() : null
    this.members = this.members.filter(function (h) { return typeof name === 'function' ? !name(h) : h.key.toLowerCase() !== lower })
  }

  function makeUrl(text) {
    var url = { raw: text }
    url.toString = function () { return url.raw }
    url.update = function (next) { url.raw = String(next) }
    url.toJSON = function () { return url.raw }
    url.getHost = function () { var m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url.raw); return m ? m[1] : '' }
    url.getPath = function () { var m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url.raw); return m && m[1] ? m[1] : '/' }
    return url
  }

  function makeRequest(data) {
    var url = makeUrl(data.url)
    var body = Object.assign({}, data.body)
    body.toString = function () { return body.mode === 'raw' ? body.raw || '' : '' }
    body.update = function (next) {
      if (typeof next === 'string') { body.mode = 'raw'; body.raw = next; return }
      Object.keys(next).forEach(function (k) { body[k] = next[k] })
    }
    var request = {
      method: data.method,
      headers: new HeaderList(data.headers),
      body: body,
      addHeader: function (h, v) { request.headers.add(h, v) },
      removeHeader: function (name) { request.headers.remove(name) },
      toJSON: function () { return { method: request.method, url: url.raw, headers: request.headers.members, body: body } }
    }
    Object.defineProperty(request, 'url', {
      enumerable: true,
      get: function () { return url },
      set: function (next) { url.update(typeof next === 'string' ? next : String(next)) }
    })
    return guard(request, 'pm.request', ['auth', 'certificate', 'proxy', 'id', 'name', 'description'])
  }

  function makeResponse(data) {
    var response = {
      __parleyResponse: true,
      code: data.code,
      status: data.status,
      responseTime: data.responseTime,
      responseSize: data.responseSize,
      headers: new HeaderList(data.headers.map(function (p) { return { key: p[0], value: p[1] } })),
      text: function () { return data.body },
      json: function () {
        try { return JSON.parse(data.body) } catch (e) { throw new SyntaxError('The response body is not JSON: ' + e.message) }
      },
      reason: function () { return data.status },
      size: function () { return { body: data.responseSize, header: 0, total: data.responseSize } }
    }
    Object.defineProperty(response, 'to', {
      get: function () {
        if (!chai) throw new Error('pm.response.to needs chai, which Parley loads for scripts that use it')
        return chai.expect(response).to
      }
    })
    return guard(response, 'pm.response', [])
  }

  function runTest(name, fn) {
    var record = { name: String(name), passed: true }
    state.tests.push(record)
    var fail = function (e) { record.passed = false; record.message = e && e.name ? e.name + ': ' + e.message : String(e) }
    if (typeof fn !== 'function') return
    try {
      var result = fn.length > 0 ? new Promise(function (resolve, reject) {
        fn(function (err) { if (err) reject(err); else resolve() })
      }) : fn()
      if (result && typeof result.then === 'function') {
        record.pending = true
        result.then(function () { delete record.pending }, function (e) { delete record.pending; fail(e) })
      }
    } catch (e) {
      fail(e)
    }
  }

  function sendRequest(request, callback) {
    var asked = typeof request === 'string' ? { url: request } : request
    var promise = __host('sendRequest', JSON.stringify(asked)).then(function (json) { return makeResponse(JSON.parse(json)) })
    if (typeof callback === 'function') {
      var current = state
      // A throw inside the callback happens after the script returned: keep it, or it would vanish.
      var call = function (err, res) {
        try { callback(err, res) } catch (e) { if (current && !current.asyncError) current.asyncError = { name: e && e.name, message: e && e.message !== undefined ? e.message : String(e), stack: e && e.stack } }
      }
      promise.then(function (res) { call(null, res) }, function (err) { call(err, null) })
    }
    return promise
  }

  function build() {
    var tests = function (name, fn) { runTest(name, fn) }
    tests.skip = function () {}
    var expect = function (value, message) {
      if (!chai) throw new Error('pm.expect needs chai, which Parley loads for scripts that use it')
      return chai.expect(value, message)
    }
    var pm = {
      test: tests,
      expect: expect,
      info: Object.assign({}, state.info),
      request: makeRequest(state.request),
      environment: scope('environment', function () { return state.vars.environment }),
      collectionVariables: scope('collectionVariables', function () { return state.vars.collection }),
      globals: scope('globals', function () { return state.vars.globals }),
      iterationData: scope('iterationData', function () { return state.vars.data }, true),
      variables: scope('variables', function () { return state.vars.local }),
      sendRequest: sendRequest
    }
    pm.environment.name = state.environmentName
    pm.variables.get = function (key) { return lookup(key) }
    pm.variables.has = function (key) { return lookup(key) !== undefined }
    if (state.response) pm.response = makeResponse(state.response)
    // A live request's step scripts: the message the step matched (or the ack), and all it matched.
    if (state.message !== undefined) pm.message = state.message
    if (state.messages !== undefined) pm.messages = state.messages
    state.pmRequest = pm.request
    return guard(pm, 'pm', (state.response ? [] : ['response']).concat(['message', 'messages']))
  }

  function legacy(pm) {
    var tests = {}
    state.legacyTests = tests
    globalThis.tests = tests
    globalThis.postman = guard({
      setEnvironmentVariable: function (k, v) { pm.environment.set(k, v) },
      getEnvironmentVariable: function (k) { return pm.environment.get(k) },
      clearEnvironmentVariable: function (k) { pm.environment.unset(k) },
      setGlobalVariable: function (k, v) { pm.globals.set(k, v) },
      getGlobalVariable: function (k) { return pm.globals.get(k) },
      clearGlobalVariable: function (k) { pm.globals.unset(k) },
      getResponseHeader: function (k) { return state.response ? pm.response.headers.get(k) : undefined }
    }, 'postman', [])
    globalThis.environment = pm.environment.toObject()
    globalThis.globals = pm.globals.toObject()
    globalThis.data = pm.iterationData.toObject()
    globalThis.iteration = state.info.iteration
    if (state.response) {
      globalThis.responseBody = state.response.body
      globalThis.responseCode = { code: state.response.code, name: state.response.status }
      globalThis.responseTime = state.response.responseTime
      globalThis.responseHeaders = pm.response.headers.toObject()
    }
  }

  // Postman's legacy sandbox lets old scripts write responseBody.has('text').
  if (!String.prototype.has) {
    Object.defineProperty(String.prototype, 'has', { value: function (text) { return this.indexOf(text) >= 0 }, configurable: true, writable: true })
  }

  ;['setTimeout', 'setInterval', 'setImmediate', 'fetch', 'XMLHttpRequest'].forEach(function (name) {
    var hint = name === 'fetch' || name === 'XMLHttpRequest' ? '; use pm.sendRequest' : ''
    globalThis[name] = function () { throw new Error(name + ' is not supported by Parley' + hint) }
  })

  globalThis.require = function (name) {
    throw new Error('require(' + JSON.stringify(String(name)) + ') is not supported by Parley: scripts have no modules')
  }

  globalThis.__parley = {
    installChai: function (lib) { chai = lib },
    begin: function (json) {
      state = JSON.parse(json)
      state.tests = []
      state.console = []
      var pm = build()
      globalThis.pm = pm
      legacy(pm)
    },
    finish: function () {
      var legacyTests = state.legacyTests
      Object.keys(legacyTests).forEach(function (name) {
        state.tests.push({ name: name, passed: !!legacyTests[name] })
      })
      var tests = state.tests.map(function (t) {
        return t.pending ? { name: t.name, passed: false, message: 'The test did not finish: its promise or done callback never settled' } : t
      })
      var req = state.pmRequest.toJSON()
      var out = { tests: tests, console: state.console, vars: state.vars, request: req, asyncError: state.asyncError }
      state = null
      return JSON.stringify(out)
    }
  }
})()
`
