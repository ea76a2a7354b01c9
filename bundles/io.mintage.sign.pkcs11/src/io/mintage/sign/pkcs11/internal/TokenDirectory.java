package io.mintage.sign.pkcs11.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

import io.mintage.core.sign.SigningException;

/**
 * Lists the tokens behind a PKCS#11 module with their labels. SunPKCS11 selects a token only by slot id
 * or slot list index, both of which change when readers are plugged in or tokens are created, and it
 * cannot tell a token's label; so this asks the module itself, through four standard calls made with
 * JNA. It initializes the module with OS locking (the way SunPKCS11 does, which then accepts
 * CKR_CRYPTOKI_ALREADY_INITIALIZED) and never finalizes it, because SunPKCS11 keeps using it.
 */
final class TokenDirectory {

	/** A token in a slot; {@code slotId} is what SunPKCS11's {@code slot} setting takes. */
	record Token(long slotId, String label) {
	}

	private static final long CKR_OK = 0;
	private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
	private static final long CKF_OS_LOCKING_OK = 0x2;
	private static final long CKF_TOKEN_INITIALIZED = 0x400;

	// positions in CK_FUNCTION_LIST after CK_VERSION (PKCS#11 v2.40, section 5.16)
	private static final int C_INITIALIZE = 0;
	private static final int C_GET_SLOT_LIST = 4;
	private static final int C_GET_TOKEN_INFO = 6;

	private static final int LABEL_LENGTH = 32;
	// CK_TOKEN_INFO: label[32], manufacturerID[32], model[16], serialNumber[16], then CK_FLAGS flags
	private static final int FLAGS_OFFSET = 96;
	private static final int TOKEN_INFO_SIZE = 512; // larger than CK_TOKEN_INFO on any platform

	private TokenDirectory() {
	}

	/** The initialized tokens present behind {@code module}, in slot order. */
	static List<Token> tokens(Path module) throws SigningException {
		Pointer functions = functionList(module);
		initialize(module, function(functions, C_INITIALIZE));
		Function getSlotList = function(functions, C_GET_SLOT_LIST);
		NativeLongByReference count = new NativeLongByReference();
		check(module, "C_GetSlotList", call(getSlotList, (byte) 1, null, count));
		if (count.getValue().longValue() == 0) {
			return List.of();
		}
		Memory slots = new Memory((long) NativeLong.SIZE * count.getValue().longValue());
		check(module, "C_GetSlotList", call(getSlotList, (byte) 1, slots, count));
		Function getTokenInfo = function(functions, C_GET_TOKEN_INFO);
		List<Token> tokens = new ArrayList<>();
		for (int i = 0; i < count.getValue().intValue(); i++) {
			NativeLong slot = slots.getNativeLong((long) i * NativeLong.SIZE);
			Memory info = new Memory(TOKEN_INFO_SIZE);
			info.clear();
			if (call(getTokenInfo, slot, info) != CKR_OK) {
				continue; // removed meanwhile or unreadable: not a token one can select
			}
			long flags = info.getNativeLong(FLAGS_OFFSET).longValue();
			if ((flags & CKF_TOKEN_INITIALIZED) != 0) {
				String label = new String(info.getByteArray(0, LABEL_LENGTH), StandardCharsets.UTF_8).stripTrailing();
				tokens.add(new Token(slot.longValue(), label));
			}
		}
		return tokens;
	}

	private static Pointer functionList(Path module) throws SigningException {
		NativeLibrary library;
		try {
			library = NativeLibrary.getInstance(module.toString());
		} catch (UnsatisfiedLinkError e) {
			throw new SigningException("the PKCS#11 module " + module + " could not be loaded: " + e.getMessage());
		}
		Function getFunctionList;
		try {
			getFunctionList = library.getFunction("C_GetFunctionList");
		} catch (UnsatisfiedLinkError e) {
			throw new SigningException("the library " + module + " is no PKCS#11 module: it has no C_GetFunctionList");
		}
		PointerByReference list = new PointerByReference();
		check(module, "C_GetFunctionList", call(getFunctionList, list));
		return list.getValue();
	}

	private static void initialize(Path module, Function initialize) throws SigningException {
		// CK_C_INITIALIZE_ARGS: four mutex callbacks (none), flags, reserved
		int flagsOffset = 4 * Native.POINTER_SIZE;
		Memory arguments = new Memory(flagsOffset + NativeLong.SIZE + Native.POINTER_SIZE);
		arguments.clear();
		arguments.setNativeLong(flagsOffset, new NativeLong(CKF_OS_LOCKING_OK));
		long result = call(initialize, arguments);
		if (result != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
			check(module, "C_Initialize", result);
		}
	}

	private static Function function(Pointer functions, int index) {
		// CK_VERSION is two bytes; Windows packs PKCS#11 structures to 1 byte, everyone else aligns pointers
		int first = Platform.isWindows() ? 2 : Native.POINTER_SIZE;
		return Function.getFunction(functions.getPointer(first + (long) index * Native.POINTER_SIZE));
	}

	private static long call(Function function, Object... arguments) {
		return ((NativeLong) function.invoke(NativeLong.class, arguments)).longValue();
	}

	private static void check(Path module, String call, long result) throws SigningException {
		if (result != CKR_OK) {
			throw new SigningException("the PKCS#11 module " + module + " failed " + call + " with error 0x"
					+ Long.toHexString(result));
		}
	}
}
