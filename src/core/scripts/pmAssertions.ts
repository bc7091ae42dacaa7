/**
 * Postman's response assertions (`pm.response.to.have.status(200)`, `to.be.ok`, `to.have.header`
 * …) as a chai plugin, with Postman's wording. Source text run inside the QuickJS sandbox right
 * after chai is loaded, with `chai` in scope. (No backticks or dollar-brace sequences below.)
 */
export const pmAssertionsSource = String.raw`
{
  const Assertion = chai.Assertion
  const isResponse = (value) => !!value && value.__parleyResponse === true
  const statusClass = (name, test, describe) => {
    Assertion.overwriteProperty(name, (_super) => function () {
      if (!isResponse(this._obj)) return _super.call(this)
      const code = this._obj.code
      this.assert(test(code), 'expected response code to be ' + describe + ' but found ' + code,
        'expected response code to not be ' + describe + ' but found ' + code)
    })
  }
  const addStatus = (name, test, describe) => {
    if (name in Assertion.prototype) statusClass(name, test, describe)
    else Assertion.addProperty(name, function () {
      const code = this._obj.code
      this.assert(test(code), 'expected response code to be ' + describe + ' but found ' + code,
        'expected response code to not be ' + describe + ' but found ' + code)
    })
  }
  addStatus('ok', (c) => c === 200, '200')
  addStatus('success', (c) => c >= 200 && c < 300, '2XX')
  addStatus('info', (c) => c >= 100 && c < 200, '1XX')
  addStatus('redirection', (c) => c >= 300 && c < 400, '3XX')
  addStatus('clientError', (c) => c >= 400 && c < 500, '4XX')
  addStatus('serverError', (c) => c >= 500 && c < 600, '5XX')
  addStatus('error', (c) => c >= 400 && c < 600, '4XX or 5XX')
  addStatus('accepted', (c) => c === 202, '202')
  addStatus('badRequest', (c) => c === 400, '400')
  addStatus('unauthorized', (c) => c === 401, '401')
  addStatus('unauthorised', (c) => c === 401, '401')
  addStatus('forbidden', (c) => c === 403, '403')
  addStatus('notFound', (c) => c === 404, '404')
  addStatus('rateLimited', (c) => c === 429, '429')

  Assertion.addMethod('status', function (expected) {
    const response = this._obj
    if (typeof expected === 'number') {
      this.assert(response.code === expected, 'expected response to have status code #{exp} but got #{act}',
        'expected response to not have status code #{exp}', expected, response.code)
    } else {
      this.assert(response.status === expected, 'expected response to have status reason #{exp} but got #{act}',
        'expected response to not have status reason #{exp}', expected, response.status)
    }
  })
  Assertion.addMethod('header', function (name, value) {
    const headers = this._obj.headers
    const has = headers.has(name)
    if (value === undefined || !has) {
      this.assert(has, 'expected response to have header with key #{exp}', 'expected response to not have header with key #{exp}', name)
      if (value === undefined) return
    }
    const actual = headers.get(name)
    this.assert(actual === value, 'expected response to have header ' + name + ' with value #{exp} but got #{act}',
      'expected response to not have header ' + name + ' with value #{exp}', value, actual)
  })
  Assertion.addMethod('body', function (expected) {
    const text = this._obj.text()
    if (expected === undefined) {
      this.assert(text.length > 0, 'expected response to have content in body', 'expected response to not have content in body')
    } else if (expected instanceof RegExp) {
      this.assert(expected.test(text), 'expected response body text to match #{exp}', 'expected response body text to not match #{exp}', String(expected))
    } else if (typeof expected === 'string') {
      this.assert(text === expected, 'expected response body to equal #{exp} but got #{act}', 'expected response body to not equal #{exp}', expected, text)
    } else {
      let parsed
      try { parsed = JSON.parse(text) } catch (e) { parsed = undefined }
      this.assert(JSON.stringify(parsed) === JSON.stringify(expected), 'expected response body json to equal #{exp} but got #{act}',
        'expected response body json to not equal #{exp}', expected, parsed)
    }
  })
  Assertion.addProperty('json', function () {
    if (!isResponse(this._obj)) throw new Error('to.be.json applies to pm.response')
    let ok = true
    try { JSON.parse(this._obj.text()) } catch (e) { ok = false }
    this.assert(ok, 'expected response body to be a valid json', 'expected response body to not be a valid json')
  })
  Assertion.addMethod('jsonBody', function (path, value) {
    let body
    try { body = JSON.parse(this._obj.text()) } catch (e) { body = undefined }
    if (path === undefined) {
      this.assert(body !== undefined, 'expected response body to be a valid json', 'expected response body to not be a valid json')
      return
    }
    if (typeof path === 'object') {
      this.assert(JSON.stringify(body) === JSON.stringify(path), 'expected response body json to equal #{exp} but got #{act}',
        'expected response body json to not equal #{exp}', path, body)
      return
    }
    let current = body
    let found = true
    for (const part of String(path).split('.')) {
      if (current === null || typeof current !== 'object' || !(part in current)) { found = false; break }
      current = current[part]
    }
    if (value === undefined) {
      this.assert(found, 'expected #{this} to have property #{exp}', 'expected #{this} to not have property #{exp}', path)
    } else {
      this.assert(found && JSON.stringify(current) === JSON.stringify(value), 'expected response body json at "' + path + '" to contain #{exp} but got #{act}',
        'expected response body json at "' + path + '" to not contain #{exp}', value, current)
    }
  })
  Assertion.addMethod('responseTime', function (limit) {
    const time = this._obj.responseTime
    this.assert(time <= limit, 'expected response time to be at most #{exp} ms but got #{act}', 'expected response time to be above #{exp} ms', limit, time)
  })
}
`
