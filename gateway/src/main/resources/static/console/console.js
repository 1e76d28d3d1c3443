// The hotline operator console. Everything the server sends is shown with textContent,
// never as markup: case descriptions are typed by the public.
'use strict';

(function () {
	const RESOLVE_DELAY_MS = 400;
	const FIELD_LABELS = {
		caller: '来电号码',
		summary: '来电内容摘要',
		address: '事发地址',
		category: '问题类别',
		operator_id: '话务员工号',
		attach_to: '附加案件',
		call_id: '来电编号',
		started_at: '通话开始时间',
		ended_at: '通话结束时间',
		location: '位置',
		body: '请求'
	};
	const FIELD_INPUTS = { caller: 'caller', summary: 'summary', address: 'address', category: 'category',
		operator_id: 'operator-id' };

	const $ = (id) => document.getElementById(id);

	// One call id per call: a double click or a retry after a failure sends the same id,
	// and the gateway files one case however often it arrives.
	let call = newCall();
	let resolveTimer = null;
	// answers that arrive after the operator typed on are dropped
	let lookupSequence = 0;
	let nearbySequence = 0;
	let resolvedAddress = null;
	let sending = false;

	function newCall() {
		return { id: 'console-' + uuid(), startedAt: new Date().toISOString(), done: false };
	}

	function uuid() {
		if (window.crypto && typeof window.crypto.randomUUID === 'function') {
			return window.crypto.randomUUID();
		}
		// randomUUID needs a secure context; getRandomValues does not
		const bytes = window.crypto.getRandomValues(new Uint8Array(16));
		bytes[6] = (bytes[6] & 0x0f) | 0x40;
		bytes[8] = (bytes[8] & 0x3f) | 0x80;
		const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
		return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-'
			+ hex.slice(20);
	}

	function api(path, options) {
		const headers = Object.assign({ 'Accept': 'application/json' }, (options && options.headers) || {});
		const key = $('console-key').value.trim();
		headers['Authorization'] = 'Bearer ' + key;
		return fetch(path, Object.assign({}, options, { headers: headers, cache: 'no-store' }));
	}

	async function json(response) {
		try {
			return await response.json();
		}
		catch (e) {
			return null;
		}
	}

	function remembered(id) {
		const input = $(id);
		input.value = sessionStorage.getItem('console.' + id) || '';
		input.addEventListener('input', () => sessionStorage.setItem('console.' + id, input.value));
	}

	async function loadCategories() {
		try {
			const response = await api('/open311/v2/services.json');
			if (!response.ok) {
				showError('类别列表加载失败（HTTP ' + response.status + '），仍可登记，由系统判断类别。');
				return;
			}
			const services = await response.json();
			const select = $('category');
			for (const service of services) {
				const option = document.createElement('option');
				option.value = service.service_code;
				option.textContent = service.service_code + ' ' + service.service_name
					+ (service.group ? '（' + service.group + '）' : '');
				select.appendChild(option);
			}
		}
		catch (e) {
			showError('类别列表加载失败，请检查网络。');
		}
	}

	function addressChanged() {
		clearTimeout(resolveTimer);
		resolveTimer = setTimeout(lookUpPlace, RESOLVE_DELAY_MS);
	}

	async function lookUpPlace() {
		const address = $('address').value.trim();
		const sequence = ++lookupSequence;
		const shown = $('resolved-grid');
		resolvedAddress = null;
		nearbySequence++;
		if (!address) {
			shown.className = 'resolved';
			shown.textContent = '输入地址后显示所属网格';
			renderNearby(null);
			return;
		}
		shown.className = 'resolved';
		shown.textContent = '正在定位……';
		try {
			const response = await api('/api/v1/console/resolve?address=' + encodeURIComponent(address));
			const answer = await json(response);
			if (sequence !== lookupSequence) {
				return;
			}
			if (!response.ok || !answer) {
				shown.className = 'resolved unresolved';
				shown.textContent = '暂时无法定位（HTTP ' + response.status + '）' + errorText(answer);
				renderNearby(null);
				return;
			}
			if (answer.resolved) {
				shown.className = 'resolved ok';
				shown.textContent = '网格：' + answer.grid.name + '（' + answer.grid.code + '）　社区：'
					+ answer.community.name + '　街道：' + answer.street.name
					+ (answer.place ? '　匹配地点：' + answer.place : '');
				resolvedAddress = address;
				lookUpNearby();
			}
			else {
				shown.className = 'resolved unresolved';
				shown.textContent = '地址无法定位到网格：' + answer.reason;
				renderNearby(null);
			}
		}
		catch (e) {
			if (sequence === lookupSequence) {
				shown.className = 'resolved unresolved';
				shown.textContent = '暂时无法定位，请检查网络。';
			}
		}
	}

	async function lookUpNearby() {
		const category = $('category').value;
		const address = resolvedAddress;
		const sequence = ++nearbySequence;
		if (!address || !category) {
			renderNearby(null);
			return;
		}
		try {
			const response = await api('/api/v1/console/nearby?address=' + encodeURIComponent(address) + '&category='
				+ encodeURIComponent(category));
			const answer = await json(response);
			if (sequence !== nearbySequence) {
				return;
			}
			renderNearby(response.ok && answer ? answer.cases : null);
		}
		catch (e) {
			if (sequence === nearbySequence) {
				renderNearby(null);
			}
		}
	}

	function renderNearby(cases) {
		const list = $('nearby');
		list.replaceChildren();
		if (cases === null) {
			list.appendChild(textItem('选定类别并输入可定位的地址后显示'));
			return;
		}
		if (cases.length === 0) {
			list.appendChild(textItem('附近没有同类未结案件'));
			return;
		}
		for (const found of cases) {
			const item = document.createElement('li');
			item.className = 'nearby-case';
			item.dataset.caseNumber = found.case_number;
			const head = document.createElement('div');
			head.className = 'case-head';
			head.textContent = found.case_number + '　' + (found.status_name || found.status) + '　约 '
				+ found.distance_m + ' 米　' + found.reports + ' 人反映';
			const description = document.createElement('div');
			description.className = 'description';
			description.textContent = found.description;
			const where = document.createElement('div');
			where.className = 'case-address';
			where.textContent = (found.address || '（无地址）') + '　受理于 ' + new Date(found.received_at).toLocaleString('zh-CN');
			const attach = document.createElement('button');
			attach.type = 'button';
			attach.className = 'attach';
			attach.textContent = '附加到此案件';
			attach.title = '来电人反映的是这件事：不另立新案，来电人会收到此案件的进展短信';
			attach.addEventListener('click', () => submit(found.case_number));
			item.append(head, description, where, attach);
			list.appendChild(item);
		}
	}

	function textItem(text) {
		const item = document.createElement('li');
		item.className = 'empty';
		item.textContent = text;
		return item;
	}

	function errorText(answer) {
		if (!answer || !Array.isArray(answer.errors)) {
			return '';
		}
		return '：' + answer.errors.map((e) => (FIELD_LABELS[e.field] || e.field) + ' ' + e.message).join('；');
	}

	function showError(text) {
		$('error').textContent = text;
	}

	function markInvalid(errors) {
		for (const input of document.querySelectorAll('.invalid')) {
			input.classList.remove('invalid');
		}
		for (const e of errors) {
			const id = FIELD_INPUTS[e.field];
			if (id) {
				$(id).classList.add('invalid');
			}
		}
	}

	function setSending(on) {
		sending = on;
		$('submit').disabled = on || call.done;
		for (const button of document.querySelectorAll('#nearby button.attach')) {
			button.disabled = on || call.done;
		}
	}

	async function submit(attachTo) {
		if (sending || call.done) {
			return;
		}
		showError('');
		setSending(true);
		const body = {
			call_id: call.id,
			operator_id: $('operator-id').value.trim() || 'console',
			caller: $('caller').value.trim(),
			started_at: call.startedAt,
			ended_at: new Date().toISOString(),
			summary: $('summary').value,
			address: $('address').value.trim() || null,
			category: $('category').value || null
		};
		if (attachTo) {
			body.attach_to = attachTo;
		}
		try {
			const response = await api('/api/v1/hotline/calls', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body)
			});
			const answer = await json(response);
			if (response.status === 202 && answer) {
				call.done = true;
				markInvalid([]);
				showResult(answer);
			}
			else if (response.status === 400 && answer) {
				markInvalid(answer.errors || []);
				showError('请更正后再提交' + errorText(answer));
			}
			else if (response.status === 401 || response.status === 403) {
				showError('接入密钥无效或无权限，请检查“接入密钥”。');
			}
			else {
				showError('系统暂时无法登记（HTTP ' + response.status + '），请稍后再点一次：同一通来电不会重复立案。');
			}
		}
		catch (e) {
			showError('网络中断，未能确认登记结果。请再点一次：同一通来电不会重复立案。');
		}
		finally {
			setSending(false);
		}
	}

	function showResult(answer) {
		$('result').hidden = false;
		$('case-number').textContent = answer.case_number;
		if (answer.attached_to) {
			$('case-detail').textContent = '来电已附加到案件 ' + answer.attached_to + '，来电人将收到该案件的进展短信（本次来电记录 '
				+ answer.call_case_number + '）。';
		}
		else if (answer.duplicate) {
			$('case-detail').textContent = '此来电此前已登记。';
		}
		else {
			$('case-detail').textContent = answer.located ? '已立案并定位到网格。' : '已立案，地址未能定位，将由街道分拨核实。';
		}
	}

	function startNextCall() {
		call = newCall();
		for (const id of ['caller', 'summary', 'address']) {
			$(id).value = '';
		}
		$('category').value = '';
		$('result').hidden = true;
		$('case-number').textContent = '';
		$('case-detail').textContent = '';
		showError('');
		markInvalid([]);
		resolvedAddress = null;
		lookupSequence++;
		nearbySequence++;
		$('resolved-grid').className = 'resolved';
		$('resolved-grid').textContent = '输入地址后显示所属网格';
		renderNearby(null);
		setSending(false);
		$('caller').focus();
	}

	document.addEventListener('DOMContentLoaded', () => {
		remembered('console-key');
		remembered('operator-id');
		renderNearby(null);
		$('address').addEventListener('input', addressChanged);
		$('category').addEventListener('change', lookUpNearby);
		$('call-form').addEventListener('submit', (event) => {
			event.preventDefault();
			submit(null);
		});
		$('new-call').addEventListener('click', startNextCall);
		loadCategories();
	});
})();
