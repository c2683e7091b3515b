// A stand-in for netifd, OpenWrt's network daemon, for the service test: it publishes the
// ubus objects that /lib/functions/network.sh reads (network.interface dump, and
// network.interface.NAME status) and sends netifd's notifications (interface.update,
// interface.down) on network.interface, to which procd subscribes for the `network` service
// (procd_set_param watch network.interface), and from which it runs interface triggers.
// Usage: ucode netifd-standin.uc NAME=DEVICE...   (each interface up on its device)
// Control: ubus call network.interface standin_set '{"interface":"lan","up":false}'
'use strict';
import * as ubus from 'ubus';
import * as uloop from 'uloop';

uloop.init();
const conn = ubus.connect();
const interfaces = {};
for (let argument in ARGV) {
	const parts = split(argument, '=');
	interfaces[parts[0]] = { device: parts[1], up: true };
}

function status(name) {
	const it = interfaces[name];
	const result = { interface: name, up: it.up, pending: false, available: true, proto: 'static' };
	if (it.up) {
		result.l3_device = it.device;
		result.device = it.device;
	}
	return result;
}

let top;
const published = {};
function publish(name) {
	published[name] = conn.publish('network.interface.' + name, {
		status: { call: (request) => status(name), args: {} }
	});
}

top = conn.publish('network.interface', {
	dump: { call: (request) => ({ interface: map(sort(keys(interfaces)), status) }), args: {} },
	standin_set: {
		call: (request) => {
			const name = request.args.interface;
			if (!interfaces[name]) interfaces[name] = { device: request.args.device, up: false };
			if (request.args.device) interfaces[name].device = request.args.device;
			interfaces[name].up = !!request.args.up;
			if (!published[name]) publish(name);
			top.notify(interfaces[name].up ? 'interface.update' : 'interface.down', { interface: name });
			return status(name);
		},
		args: { interface: '', device: '', up: true }
	}
});
for (let name in keys(interfaces)) publish(name);
uloop.run();
